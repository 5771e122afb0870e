import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/** A running or ended process instance; `state` is the engine's JSON state. */
@Entity({ name: 'instances' })
export class InstanceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text', name: 'partnership_id' }) partnershipId!: string;
  @Column({ type: 'bigint', name: 'definition_id' }) definitionId!: string;
  @Column({ type: 'text', name: 'process_id' }) processId!: string;
  @Column({ type: 'text', name: 'business_key', nullable: true }) businessKey!: string | null;
  @Column({ type: 'text' }) status!: 'active' | 'completed' | 'terminated';
  @Column({ type: 'jsonb' }) state!: unknown;
  /** Optimistic-lock version, bumped by every event. */
  @VersionColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'integer', name: 'history_seq', default: 0 }) historySeq!: number;
  @Column({ type: 'integer', name: 'event_seq', default: 0 }) eventSeq!: number;
  @Column({ type: 'bigint', name: 'parent_instance_id', nullable: true }) parentInstanceId!: string | null;
  @Column({ type: 'integer', name: 'parent_element_instance_id', nullable: true }) parentElementInstanceId!: number | null;
  @Column({ type: 'text', name: 'started_by', nullable: true }) startedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'started_at' }) startedAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
}
