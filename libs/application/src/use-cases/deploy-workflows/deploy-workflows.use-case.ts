import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { DomainError } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { DeployDefinitionUseCase } from '../deploy-definition/deploy-definition.use-case';

export interface WorkflowDeployReport {
  file: string;
  outcome: 'deployed' | 'unchanged' | 'failed';
  key?: string;
  version?: number;
  problems?: string[];
}

/** Deploys every `*.bpmn` of a folder at start; a file gets a new version only when it changed. */
@Injectable()
export class DeployWorkflowsUseCase {
  constructor(
    @Inject(RUNTIME) private readonly rt: RuntimeServices,
    private readonly deploy: DeployDefinitionUseCase,
  ) {}

  async execute(actor: Actor, dir: string): Promise<WorkflowDeployReport[]> {
    let files: string[];
    try {
      files = (await readdir(dir)).filter((f) => f.endsWith('.bpmn')).sort();
    } catch {
      return [];
    }
    const reports: WorkflowDeployReport[] = [];
    for (const f of files) {
      const path = join(dir, f);
      try {
        const xml = await readFile(path, 'utf8');
        const r = await this.deploy.execute({ actor, xml, source: `workflows/${f}` });
        reports.push({ file: f, outcome: r.created ? 'deployed' : 'unchanged', key: r.key, version: r.version });
      } catch (err) {
        const problems = err instanceof DomainError ? (err.problems ?? []).map((p) => `${p.elementId ? `${p.elementId}: ` : ''}${p.message}`) : [(err as Error).message];
        this.rt.log.error(`workflows/${f} was not deployed: ${problems.slice(0, 5).join('; ')}`);
        reports.push({ file: f, outcome: 'failed', problems });
      }
    }
    return reports;
  }
}
