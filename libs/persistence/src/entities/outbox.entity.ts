import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A side effect waiting to leave through the queue. Written in the event's transaction, sent by
 * the relay after commit, and deleted by the transaction that applies the job's effect, so the
 * row is also the job's exactly-once fence. `payload` (ids only) goes to the queue; `data`
 * (service input, message variables) stays here.
 */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text', name: 'job_id' }) jobId!: string;
  @Column({ type: 'text' }) queue!: string;
  @Column({ type: 'text', name: 'job_name' }) jobName!: string;
  @Column({ type: 'jsonb' }) payload!: unknown;
  @Column({ type: 'jsonb', nullable: true }) data!: unknown;
  @Column({ type: 'bigint', name: 'instance_id', nullable: true }) instanceId!: string | null;
  @Column({ type: 'timestamptz', name: 'available_at' }) availableAt!: Date;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true }) sentAt!: Date | null;
}
