import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every input event of an instance with the `now` it ran at: enough to replay the instance. */
@Entity({ name: 'instance_events' })
export class InstanceEventEntity {
  @PrimaryColumn({ type: 'bigint', name: 'instance_id' }) instanceId!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'jsonb' }) event!: unknown;
  @Column({ type: 'timestamptz' }) now!: Date;
  @Column({ type: 'text', nullable: true }) actor!: string | null;
}
