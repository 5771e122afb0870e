import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A user task waiting for (or done by) a person of an agency. */
@Entity({ name: 'user_tasks' })
export class UserTaskEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'bigint', name: 'instance_id' }) instanceId!: string;
  @Column({ type: 'integer', name: 'element_instance_id' }) elementInstanceId!: number;
  @Column({ type: 'text', name: 'partnership_id' }) partnershipId!: string;
  @Column({ type: 'text', name: 'element_id' }) elementId!: string;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ type: 'text' }) status!: 'open' | 'completed' | 'cancelled';
  @Column({ type: 'text', nullable: true }) agency!: string | null;
  @Column({ type: 'text', nullable: true }) role!: string | null;
  @Column({ type: 'text', array: true, name: 'candidate_groups', default: () => `'{}'` }) candidateGroups!: string[];
  @Column({ type: 'text', array: true, name: 'candidate_users', default: () => `'{}'` }) candidateUsers!: string[];
  @Column({ type: 'text', nullable: true }) assignee!: string | null;
  @Column({ type: 'timestamptz', name: 'due_at', nullable: true }) dueAt!: Date | null;
  @Column({ type: 'jsonb' }) assignment!: unknown;
  @Column({ type: 'jsonb', nullable: true }) input!: unknown;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'text', name: 'completed_by', nullable: true }) completedBy!: string | null;
  @Column({ type: 'text', name: 'end_reason', nullable: true }) endReason!: string | null;
  /** Routing set by the access layer's trigger (migration 1763900000000). */
  @Column({ type: 'text', name: 'agency_id', nullable: true }) agencyId!: string | null;
  @Column({ type: 'text', name: 'case_id', nullable: true }) caseId!: string | null;
}
