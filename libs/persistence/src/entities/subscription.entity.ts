import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An instance waiting for a message (by name and correlation key) or a signal (by name). */
@Entity({ name: 'subscriptions' })
export class SubscriptionEntity {
  @PrimaryColumn({ type: 'bigint', name: 'instance_id' }) instanceId!: string;
  @PrimaryColumn({ type: 'integer', name: 'subscription_id' }) subscriptionId!: number;
  @Column({ type: 'text', name: 'partnership_id' }) partnershipId!: string;
  @Column({ type: 'text' }) kind!: 'message' | 'signal';
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', name: 'correlation_key', nullable: true }) correlationKey!: string | null;
  @Column({ type: 'text', name: 'element_id' }) elementId!: string;
  @Column({ type: 'text' }) status!: 'open' | 'closed';
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
