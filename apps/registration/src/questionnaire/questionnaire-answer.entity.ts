import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A member's answer to one question. `questionKey` is `q<id>` for a typed answer and `g<groupID>`
 * for a choice in a group, whose `value` is then the chosen option's id.
 */
@Entity({ name: 'questionnaire_answer' })
export class QuestionnaireAnswer {
  @PrimaryColumn({ name: 'member_id', type: 'integer' })
  memberId: number;

  @PrimaryColumn({ name: 'question_key', type: 'varchar', length: 16 })
  questionKey: string;

  @Column({ type: 'varchar', length: 256 })
  value: string;

  @UpdateDateColumn({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;
}
