import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A deployed version of a BPMN file: the XML as deployed and its compiled model. */
@Entity({ name: 'definitions' })
export class DefinitionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text', name: 'partnership_id' }) partnershipId!: string;
  /** The key versions are counted by: the main process id. */
  @Column({ type: 'text' }) key!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ type: 'text' }) xml!: string;
  /** sha256 of the XML: a file is redeployed only when it changed. */
  @Column({ type: 'text' }) hash!: string;
  @Column({ type: 'jsonb' }) model!: unknown;
  @Column({ type: 'text', array: true, name: 'process_ids' }) processIds!: string[];
  @Column({ type: 'jsonb', name: 'start_triggers', default: () => `'[]'` }) startTriggers!: unknown;
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ type: 'text', name: 'deployed_by' }) deployedBy!: string;
  @Column({ type: 'timestamptz', name: 'deployed_at' }) deployedAt!: Date;
}
