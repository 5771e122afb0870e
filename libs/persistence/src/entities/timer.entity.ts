import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A timer: the row is the truth, a delayed queue job only wakes it up. */
@Entity({ name: 'timers' })
export class TimerEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  /** Null for a timer start event of a definition. */
  @Column({ type: 'bigint', name: 'instance_id', nullable: true }) instanceId!: string | null;
  @Column({ type: 'integer', name: 'timer_id', nullable: true }) timerId!: number | null;
  @Column({ type: 'integer', name: 'element_instance_id', nullable: true }) elementInstanceId!: number | null;
  @Column({ type: 'text', name: 'element_id' }) elementId!: string;
  @Column({ type: 'text' }) purpose!: 'event' | 'sla' | 'start';
  @Column({ type: 'bigint', name: 'definition_id', nullable: true }) definitionId!: string | null;
  @Column({ type: 'timestamptz', name: 'due_at' }) dueAt!: Date;
  @Column({ type: 'text' }) status!: 'pending' | 'fired' | 'cancelled';
  @Column({ type: 'timestamptz', name: 'fired_at', nullable: true }) firedAt!: Date | null;
  /** Timer start events with a cycle: repetitions left (-1 unbounded). */
  @Column({ type: 'integer', nullable: true }) remaining!: number | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
