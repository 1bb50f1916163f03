import {
  BeginRegistrationReply,
  BeginRegistrationRequest,
  BeginRegistrationState,
  CardsErrorCode,
  FinishRegistrationReply,
  LinkSource,
  PHONE_NUMBER_PATTERN,
  RegistrationErrorCode,
  SessionGrant,
  UserActionType,
} from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CardsClient } from '../card-steps/cards-client';
import { ConfirmationService } from '../confirmation/confirmation.service';
import { RegistrationConfig } from '../config/registration.config';
import { SystemAttribute, MemberEvents } from '../members/member-events';
import { IdentifierKind, MemberIdentifier } from '../members/member-identifier.entity';
import { Member } from '../members/member.entity';
import { findIdentifier, loadMember, lockMember, memberReference, nextTokenVersion } from '../members/members';
import { verifyPassword } from '../password/password-hasher';
import { RegistrationSteps } from './registration-steps';

const LINKABLE_CARD_STATES = ['Prepared', 'Issued'];

/** BeginRegistration, the tender offer, and TryFinishRegistration. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: RegistrationConfig,
    private readonly steps: RegistrationSteps,
    private readonly events: MemberEvents,
    private readonly confirmation: ConfirmationService,
    private readonly cards: CardsClient,
  ) {}

  /**
   * A new login creates a registering member; a known one resumes its registration (with the
   * password once one is set). Two first requests for one login race on the login's unique
   * index; the loser finds the winner's member and resumes it.
   */
  async begin(request: BeginRegistrationRequest): Promise<BeginRegistrationReply> {
    if (this.config.REGISTRATION_PROVIDER_ANONYMOUS !== 1) {
      throw new RpcFault(RegistrationErrorCode.SelfRegistrationDisabled, 'Самостоятельная регистрация отключена.');
    }
    try {
      return await this.beginOnce(request);
    } catch (error) {
      if (error instanceof LoginTakenMeanwhile) return this.beginOnce(request);
      throw error;
    }
  }

  private async beginOnce({ login, password, applicationId }: BeginRegistrationRequest): Promise<BeginRegistrationReply> {
    const identifier = await findIdentifier(this.dataSource.manager, login);
    if (identifier) return this.resume(identifier.memberId, password, applicationId);
    if (this.config.REGISTRATION_PROVIDER_CARD === 1) {
      const { card } = await this.cards.findCard(login);
      if (card?.memberId) return this.resume(card.memberId, password, applicationId);
      if (card) {
        if (card.isDeleted) throw new RpcFault(CardsErrorCode.CardNotFound, 'Карта не найдена.');
        if (card.isBlocked) throw new RpcFault(CardsErrorCode.CardBlocked, 'Карта заблокирована.');
        if (!LINKABLE_CARD_STATES.includes(card.cardState)) throw new RpcFault(CardsErrorCode.CardNotAvailable, 'Карта не может быть использована для регистрации.');
        return this.create('Card', login, applicationId);
      }
    }
    if (this.config.REGISTRATION_PROVIDER_PHONE === 1 && PHONE_NUMBER_PATTERN.test(login)) return this.create('Phone', login, applicationId);
    throw new RpcFault(
      RegistrationErrorCode.LoginNotSupported,
      this.config.REGISTRATION_PROVIDER_CARD === 1 ? 'Карта с таким номером не найдена.' : 'Укажите номер телефона (11–15 цифр).',
    );
  }

  private async create(kind: IdentifierKind, login: string, applicationId: number | null | undefined): Promise<BeginRegistrationReply> {
    const member = await this.dataSource.transaction(async (manager) => {
      const [{ id }]: { id: number }[] = await manager.query(
        `INSERT INTO member (uid, state, login_type, pending_phone, token_version)
         VALUES ($1, 'Registering', $2, $3, 1) RETURNING id`,
        [randomUUID(), kind, kind === 'Phone' ? login : null],
      );
      const identifiers: { id: number }[] = await manager.query(
        `INSERT INTO member_identifier (member_id, kind, value) VALUES ($1, $2, $3) ON CONFLICT (value) DO NOTHING RETURNING id`,
        [id, kind, login],
      );
      if (identifiers.length === 0) throw new LoginTakenMeanwhile();
      await manager.update(Member, { id }, { loginIdentifierId: identifiers[0].id });
      const created = await lockMember(manager, id);
      await this.events.registrationBegan(manager, created, applicationId);
      // The first code goes out with BeginRegistration when the login is a phone number.
      if (kind === 'Phone') await this.confirmation.issue(manager, created, 'Sms', login);
      return created;
    });
    if (kind === 'Card') await this.cards.bestEffort('Linking the login card', () => this.linkLoginCard(this.dataSource.manager, member, applicationId));
    return success({ memberId: member.id, tokenVersion: member.tokenVersion });
  }

  private async resume(memberId: number, password: string, applicationId: number | null | undefined): Promise<BeginRegistrationReply> {
    const member = await loadMember(this.dataSource.manager, memberId);
    // Registered, or Closed by a merge: either way there is nothing to resume.
    if (member.state !== 'Registering') return alreadyRegistered();
    if (member.passwordHash) {
      if (password === '') return { state: BeginRegistrationState.PasswordRequired, errorMessage: 'Требуется пароль.', session: null };
      if (!(await verifyPassword(password, member.passwordHash))) {
        throw new RpcFault(RegistrationErrorCode.InvalidCredentials, 'Неверный пароль.');
      }
    }
    const grant = await this.dataSource.transaction(async (manager) => {
      const locked = await lockMember(manager, memberId);
      if (locked.state !== 'Registering') return null;
      const tokenVersion = await nextTokenVersion(manager, locked);
      await this.events.registrationBegan(manager, locked, applicationId);
      return { memberId, tokenVersion };
    });
    if (!grant) return alreadyRegistered();
    if (member.loginType === 'Card') await this.cards.bestEffort('Linking the login card', () => this.linkLoginCard(this.dataSource.manager, member, applicationId));
    return success(grant);
  }

  /**
   * Records the acceptance. Under EMIT_VIRTUAL_CARD=1 cards then emits the member's virtual card;
   * it reacts to the attribute event as well, so the card is not lost if this call fails.
   */
  async acceptTenderOffer(memberId: number, applicationId: number | null | undefined): Promise<void> {
    const member = await this.dataSource.transaction(async (manager) => {
      const locked = await lockMember(manager, memberId);
      this.steps.ensureOpen(locked, UserActionType.AcceptTenderOffer);
      await manager.update(Member, { id: memberId }, { offerAcceptedAt: new Date() });
      const attribute = SystemAttribute.AcceptTenderOffer;
      await this.events.attributesUpdated(manager, locked, applicationId, [
        { attributeCode: attribute.code, userAttributeType: attribute.type, attributeId: attribute.id, oldValue: null, newValue: 'true' },
      ]);
      return locked;
    });
    await this.cards.bestEffort('Automatic virtual card', () =>
      this.cards.emitVirtualCard({ member: memberReference(member, applicationId), linkSource: LinkSource.Registration, automatic: true }),
    );
  }

  /**
   * Completes the registration when every Required step is done: the member becomes Registered,
   * gets a new token, and their cards are activated (by this call, or by cards consuming the
   * finish event). Asking again afterwards returns a new token without a second event.
   */
  async finish(memberId: number, applicationId: number | null | undefined): Promise<FinishRegistrationReply> {
    const member = await loadMember(this.dataSource.manager, memberId);
    if (member.state === 'Registering') {
      const missingSteps = this.steps.missing(member);
      if (missingSteps.length > 0) return { registrationCompleted: false, session: null, missingSteps };
      // The login card must really be the member's before the registration is final.
      if (member.loginType === 'Card') await this.linkLoginCard(this.dataSource.manager, member, applicationId);
    }
    const outcome = await this.dataSource.transaction(async (manager): Promise<FinishOutcome> => {
      const locked = await lockMember(manager, memberId);
      const finishedNow = locked.state === 'Registering';
      if (finishedNow) {
        const missingSteps = this.steps.missing(locked);
        if (missingSteps.length > 0) return { missingSteps };
        await manager.update(Member, { id: memberId }, { state: 'Registered', registeredAt: new Date() });
        locked.state = 'Registered';
        await this.events.registrationFinished(manager, locked, applicationId);
      }
      const tokenVersion = await nextTokenVersion(manager, locked);
      return { grant: { memberId, tokenVersion }, finishedNow, member: locked };
    });
    if (outcome.missingSteps) return { registrationCompleted: false, session: null, missingSteps: outcome.missingSteps };
    const { grant, finishedNow, member: finished } = outcome as Required<FinishOutcome>;
    if (finishedNow) {
      await this.cards.bestEffort('Card activation', () => this.cards.activateMemberCards(memberReference(finished, applicationId)));
    }
    return { registrationCompleted: true, session: grant, missingSteps: [] };
  }

  private async linkLoginCard(manager: EntityManager, member: Member, applicationId: number | null | undefined): Promise<void> {
    const identifier = await manager.findOne(MemberIdentifier, { where: { id: member.loginIdentifierId ?? -1 } });
    if (!identifier || identifier.kind !== 'Card') return;
    await this.cards.linkCard({ member: memberReference(member, applicationId), cardNumber: identifier.value, linkSource: LinkSource.UserPortal });
  }
}

interface FinishOutcome {
  missingSteps?: UserActionType[];
  grant?: SessionGrant;
  finishedNow?: boolean;
  member?: Member;
}

function success(session: SessionGrant): BeginRegistrationReply {
  return { state: BeginRegistrationState.Success, errorMessage: null, session };
}

function alreadyRegistered(): BeginRegistrationReply {
  return { state: BeginRegistrationState.AlreadyRegistered, errorMessage: 'Участник уже зарегистрирован.', session: null };
}

/** Another request registered the same login between our lookup and our insert. */
class LoginTakenMeanwhile extends Error {}
