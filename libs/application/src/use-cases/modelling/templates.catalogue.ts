import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DomainError, ErrorCode } from '../../errors/domain.error';

export interface TemplateSummary {
  /** The file name without `.bpmn`. */
  id: string;
  /** The main process's name (or the id). */
  name: string;
  /** The process's documentation, when the template has one. */
  description?: string;
  /** The main process id: the key a deployment of the template gets. */
  processId?: string;
}

export interface Template extends TemplateSummary {
  xml: string;
}

const ID = /^[a-z0-9][a-z0-9-]{0,100}$/;

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : undefined;
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Name, process id and documentation of a template, read from its first executable process (no full parse). */
export function describeTemplate(id: string, xml: string): TemplateSummary {
  const processes = [...xml.matchAll(/<(?:\w+:)?process\b[^>]*>/g)].map((m) => m[0]);
  const main = processes.find((p) => attr(p, 'isExecutable') === 'true') ?? processes[0];
  const name = main ? attr(main, 'name') : undefined;
  const processId = main ? attr(main, 'id') : undefined;
  let description: string | undefined;
  if (main) {
    const after = xml.slice(xml.indexOf(main) + main.length);
    const doc = /^\s*<(?:\w+:)?documentation[^>]*>([\s\S]*?)<\/(?:\w+:)?documentation>/.exec(after);
    if (doc) description = decodeXml(doc[1]!.trim()).slice(0, 500);
  }
  return { id, name: name?.trim() || id, ...(description ? { description } : {}), ...(processId ? { processId } : {}) };
}

/**
 * The pathway templates of `workflows/` as starting points for the modeller: a fixed folder of
 * the product, read per request (ids are file names; nothing outside the folder is reachable).
 */
export class TemplatesCatalogue {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  private async files(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.bpmn') && ID.test(n.slice(0, -5))).sort();
  }

  async list(): Promise<TemplateSummary[]> {
    const out: TemplateSummary[] = [];
    for (const file of await this.files()) {
      const id = file.slice(0, -5);
      out.push(describeTemplate(id, await readFile(join(this.dir, file), 'utf8')));
    }
    return out;
  }

  async get(id: string): Promise<Template> {
    if (!ID.test(id) || !(await this.files()).includes(`${id}.bpmn`)) throw new DomainError(ErrorCode.NotFound, `template ${id} not found`);
    const xml = await readFile(join(this.dir, `${id}.bpmn`), 'utf8');
    return { ...describeTemplate(id, xml), xml };
  }
}
