import { AttributesReply, MemberAttribute, QuestionAnswer, QuestionNode, RegistrationErrorCode, UserActionType, UserAttributeType } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RegistrationConfig } from '../config/registration.config';
import { MemberEvents } from '../members/member-events';
import { Member } from '../members/member.entity';
import { SystemAttribute } from '../members/member-events';
import { loadMember, lockMember } from '../members/members';
import { RegistrationSteps } from '../registration-flow/registration-steps';
import { QuestionnaireAnswer } from './questionnaire-answer.entity';
import { DEFAULT_QUESTIONNAIRE, Questionnaire } from './questionnaire';

/** The Questions step: the configured tree and the member's answers, each answer an attribute. */
@Injectable()
export class QuestionnaireService {
  private readonly questionnaire: Questionnaire;

  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: RegistrationSteps,
    private readonly events: MemberEvents,
    config: RegistrationConfig,
  ) {
    // A broken QUESTIONNAIRE_JSON stops the service at boot rather than at the first member.
    this.questionnaire = config.QUESTIONNAIRE_JSON
      ? Questionnaire.parse(config.QUESTIONNAIRE_JSON, config.MIN_MEMBER_AGE)
      : new Questionnaire(DEFAULT_QUESTIONNAIRE, config.MIN_MEMBER_AGE);
  }

  async questions(memberId: number, onlyRequired: boolean): Promise<QuestionNode[]> {
    return this.questionnaire.view(await this.answersOf(this.dataSource.manager, memberId), onlyRequired);
  }

  /**
   * Stores the answers (all of them or, if any is invalid, none) and publishes one attribute
   * update per changed answer. The step is done once every required question has an answer.
   */
  async submit(memberId: number, answers: QuestionAnswer[], applicationId: number | null | undefined): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await lockMember(manager, memberId);
      this.steps.ensureOpen(member, UserActionType.Questions);
      const current = await this.answersOf(manager, memberId);
      const { changes, errors } = this.questionnaire.evaluate(answers, current, new Date());
      if (errors.length > 0) throw new RpcFault(RegistrationErrorCode.QuestionnaireInvalid, 'Анкета заполнена с ошибками.', { errors });
      if (changes.length > 0) {
        await manager.upsert(
          QuestionnaireAnswer,
          changes.map((change) => ({ memberId, questionKey: change.key, value: change.storedValue })),
          ['memberId', 'questionKey'],
        );
      }
      const updated = new Map(current);
      for (const change of changes) updated.set(change.key, change.storedValue);
      if (this.questionnaire.isComplete(updated)) {
        await manager.update(Member, { id: memberId }, { questionnaireCompletedAt: new Date() });
      }
      await this.events.attributesUpdated(
        manager,
        member,
        applicationId,
        changes.map((change) => {
          const previous = current.get(change.key);
          return {
            attributeCode: change.attributeCode,
            userAttributeType: UserAttributeType.Questionnaire,
            attributeId: change.attributeId,
            oldValue: previous === undefined ? null : this.questionnaire.eventValueOf(change.key, previous),
            newValue: change.eventValue,
          };
        }),
      );
    });
  }

  /**
   * `User/Attributes`: what the member has told us, named as `customer.attribute.update` names it —
   * the offer acceptance, the confirmed phone and email, then the answers in attribute id order.
   */
  async attributes(memberId: number): Promise<AttributesReply> {
    const manager = this.dataSource.manager;
    const member = await loadMember(manager, memberId);
    const system: MemberAttribute[] = [];
    const add = (attribute: (typeof SystemAttribute)[keyof typeof SystemAttribute], value: string | null) => {
      if (value !== null) system.push({ attributeId: attribute.id, attributeCode: attribute.code, userAttributeType: attribute.type, value });
    };
    add(SystemAttribute.AcceptTenderOffer, member.offerAcceptedAt ? 'true' : null);
    add(SystemAttribute.Email, member.emailConfirmedAt ? member.email : null);
    add(SystemAttribute.Phone, member.phoneConfirmedAt ? member.phone : null);
    const answers = [...(await this.answersOf(manager, memberId))]
      .map(([key, stored]) => this.questionnaire.attributeOf(key, stored))
      .filter((attribute) => attribute !== null)
      .map((attribute) => ({ attributeId: attribute.attributeId, attributeCode: attribute.attributeCode, userAttributeType: UserAttributeType.Questionnaire, value: attribute.value }))
      .sort((a, b) => a.attributeId - b.attributeId);
    return { attributes: [...system.sort((a, b) => a.attributeId - b.attributeId), ...answers] };
  }

  private async answersOf(manager: EntityManager, memberId: number): Promise<Map<string, string>> {
    const rows = await manager.find(QuestionnaireAnswer, { where: { memberId } });
    return new Map(rows.map((row) => [row.questionKey, row.value]));
  }
}
