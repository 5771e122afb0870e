import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The append-only audit trail of an instance, one row per engine history event, numbered per instance. */
@Entity({ name: 'history' })
export class HistoryEntity {
  @PrimaryColumn({ type: 'bigint', name: 'instance_id' }) instanceId!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'integer', name: 'event_seq' }) eventSeq!: number;
  @Column({ type: 'text', name: 'element_id' }) elementId!: string;
  @Column({ type: 'integer', name: 'element_instance_id', nullable: true }) elementInstanceId!: number | null;
  @Column({ type: 'text' }) transition!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text', nullable: true }) detail!: string | null;
}
