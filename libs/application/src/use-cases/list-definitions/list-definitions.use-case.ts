import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { page, Page, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { DefinitionSummary, toDefinitionSummary } from '../deploy-definition/deploy-definition.use-case';

export interface ListDefinitionsQuery {
  actor: Actor;
  /** Only this key's versions; otherwise every version of every key. */
  key?: string;
  latestOnly?: boolean;
  limit: number;
  offset: number;
}

const COLUMNS = 'id, key, version, name, hash, process_ids, source, deployed_by, deployed_at';

/** Lists deployed definitions and their versions (newest first). */
@Injectable()
export class ListDefinitionsUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  execute(q: ListDefinitionsQuery): Promise<Page<DefinitionSummary>> {
    const where = ['d.partnership_id = $1'];
    const values: unknown[] = [q.actor.partnershipId];
    if (q.key) {
      values.push(q.key);
      where.push(`d.key = $${values.length}`);
    }
    if (q.latestOnly) where.push('d.version = (SELECT max(version) FROM definitions m WHERE m.partnership_id = d.partnership_id AND m.key = d.key)');
    const w = where.join(' AND ');
    return page(this.rt.db.pool, `SELECT ${COLUMNS} FROM definitions d WHERE ${w} ORDER BY d.key, d.version DESC`, `SELECT count(*) AS total FROM definitions d WHERE ${w}`, values, q.limit, q.offset, toDefinitionSummary);
  }
}
