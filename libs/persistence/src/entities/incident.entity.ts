import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Something an operator must look at (a service that ran out of retries, a failed expression). */
@Entity({ name: 'incidents' })
export class IncidentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'bigint', name: 'instance_id' }) instanceId!: string;
  @Column({ type: 'integer', name: 'incident_id' }) incidentId!: number;
  @Column({ type: 'text', name: 'partnership_id' }) partnershipId!: string;
  @Column({ type: 'integer', name: 'element_instance_id' }) elementInstanceId!: number;
  @Column({ type: 'text', name: 'element_id' }) elementId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'text' }) status!: 'open' | 'resolved';
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true }) resolvedAt!: Date | null;
}
