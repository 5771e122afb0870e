import type { ExecutableModel } from '@app/engine';
import type { Queryable } from '@app/persistence';
import { DomainError, ErrorCode } from '../errors/domain.error';

/**
 * Compiled models by definition id. A definition row stores its compiled model (plain JSON), so
 * a process that steps instances never compiles: it loads the model once and keeps it.
 */
export class ModelCache {
  private readonly models = new Map<number, ExecutableModel>();
  constructor(private readonly max = 500) {}

  async get(definitionId: number, q: Queryable): Promise<ExecutableModel> {
    const hit = this.models.get(definitionId);
    if (hit) {
      // Refresh recency (Map keeps insertion order).
      this.models.delete(definitionId);
      this.models.set(definitionId, hit);
      return hit;
    }
    const r = await q.query({ name: 'rp_load_model_v1', text: 'SELECT model FROM definitions WHERE id = $1', values: [definitionId] });
    const model = r.rows[0]?.model as ExecutableModel | undefined;
    if (!model) throw new DomainError(ErrorCode.NotFound, `definition ${definitionId} not found`);
    this.put(definitionId, model);
    return model;
  }

  put(definitionId: number, model: ExecutableModel): void {
    this.models.set(definitionId, model);
    while (this.models.size > this.max) {
      const oldest = this.models.keys().next().value as number;
      this.models.delete(oldest);
    }
  }
}
