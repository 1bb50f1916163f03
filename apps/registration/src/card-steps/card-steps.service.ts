import { EmitVirtualCardStepReply, LinkSource, UserActionType } from '@loyalty/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Member } from '../members/member.entity';
import { loadMember, lockMember, memberReference } from '../members/members';
import { RegistrationSteps } from '../registration-flow/registration-steps';
import { CardsClient } from './cards-client';

/**
 * The AssignCard step: a physical card (Cards/Set) or a virtual one on request (PUT
 * Cards/EmitVirtual). Cards links; this service records that the step is done. Cards' link is
 * idempotent, so a member whose step was cut short simply sends the same request again.
 */
@Injectable()
export class CardStepsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: RegistrationSteps,
    private readonly cards: CardsClient,
  ) {}

  async assignCard(memberId: number, cardNumber: string, applicationId: number | null | undefined): Promise<void> {
    const member = await loadMember(this.dataSource.manager, memberId);
    const isStep = this.steps.hasStep(member, UserActionType.AssignCard);
    if (isStep) this.steps.ensureOpen(member, UserActionType.AssignCard);
    await this.cards.linkCard({ member: memberReference(member, applicationId), cardNumber, linkSource: LinkSource.UserPortal });
    if (isStep) await this.markCardAssigned(memberId);
  }

  /**
   * Not subject to the repeated-step rule: the seed's scenarios call it after the automatic
   * virtual card, and it then answers Success without emitting anything. A card it does emit
   * completes AssignCard (the member chose "I have no card").
   */
  async emitVirtualCard(memberId: number, applicationId: number | null | undefined): Promise<EmitVirtualCardStepReply> {
    const member = await loadMember(this.dataSource.manager, memberId);
    const { emitted } = await this.cards.emitVirtualCard({
      member: memberReference(member, applicationId),
      linkSource: LinkSource.UserPortal,
      automatic: false,
    });
    if (emitted && this.steps.hasStep(member, UserActionType.AssignCard)) await this.markCardAssigned(memberId);
    return { emitted };
  }

  private async markCardAssigned(memberId: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await lockMember(manager, memberId);
      if (!member.cardAssignedAt) await manager.update(Member, { id: memberId }, { cardAssignedAt: new Date() });
    });
  }
}
