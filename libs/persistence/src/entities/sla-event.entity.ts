import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An SLA reminder, breach or escalation step the engine reported (acted on by the SLA feature). */
@Entity({ name: 'sla_events' })
export class SlaEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'bigint', name: 'instance_id' }) instanceId!: string;
  @Column({ type: 'text', name: 'partnership_id' }) partnershipId!: string;
  @Column({ type: 'text' }) kind!: 'reminder' | 'breach' | 'escalation';
  @Column({ type: 'integer', name: 'element_instance_id' }) elementInstanceId!: number;
  @Column({ type: 'text', name: 'element_id' }) elementId!: string;
  @Column({ type: 'integer', nullable: true }) step!: number | null;
  @Column({ type: 'text', name: 'escalate_to', nullable: true }) escalateTo!: string | null;
  @Column({ type: 'timestamptz', name: 'due_at' }) dueAt!: Date;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
