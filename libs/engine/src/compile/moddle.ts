/**
 * bpmn-moddle with the `referral` and Camunda 8 `zeebe` extensions, parsed synchronously.
 *
 * bpmn-moddle's `fromXML` returns a promise, but its reader does all the work inside the promise's
 * executor, which runs synchronously. We drive the reader ourselves with a root handler we hold,
 * so the parsed root element, the id index and the warnings are ours as soon as `fromXML`
 * returns. The reader runs in lax mode (problems become warnings), and every warning is a problem.
 */
import { BpmnModdle } from 'bpmn-moddle';
import { Reader } from 'moddle-xml';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import referralSchemaJson from './referral.schema.json';

export const REFERRAL_NS = 'http://referral-pathways.org/schema/bpmn/referral/1.0';
export const referralSchema = referralSchemaJson;

/** A bpmn-moddle element: `$type` plus the properties of its type. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $parent?: ModdleElement;
  [key: string]: unknown;
}

export interface ModdleWarning {
  message: string;
  element?: ModdleElement;
  property?: string;
  value?: string;
}

export interface ParsedDefinitions {
  definitions: ModdleElement | undefined;
  elementsById: Map<string, ModdleElement>;
  warnings: ModdleWarning[];
  /** Set when the reader failed outright. */
  failure?: string;
}

let moddle: InstanceType<typeof BpmnModdle> | undefined;

export function getModdle(): InstanceType<typeof BpmnModdle> {
  moddle ??= new BpmnModdle({ zeebe: zeebeSchema, referral: referralSchemaJson });
  return moddle;
}

interface RootHandler {
  element?: ModdleElement;
  context?: { warnings: ModdleWarning[]; elementsById: Record<string, ModdleElement> };
}

export function parseModdleSync(xml: string): ParsedDefinitions {
  const reader = new Reader({ model: getModdle(), lax: true });
  const rootHandler = reader.handler('bpmn:Definitions') as RootHandler;
  let failure: string | undefined;
  const pending = reader.fromXML(xml, { rootHandler }) as Promise<unknown>;
  pending.catch((err: Error) => {
    // Only reached asynchronously; the synchronous result below already reports the failure.
    failure ??= err.message;
  });
  const context = rootHandler.context;
  const elementsById = new Map<string, ModdleElement>();
  for (const [id, element] of Object.entries(context?.elementsById ?? {})) elementsById.set(id, element);
  if (!rootHandler.element) failure = 'the file is not a BPMN 2.0 definitions document';
  return { definitions: rootHandler.element, elementsById, warnings: context?.warnings ?? [], failure };
}

export function calledElementOf(element: ModdleElement): string | undefined {
  const ext = extensionValues(element).find((v) => v.$type === 'zeebe:CalledElement');
  const id = (ext?.processId as string | undefined) ?? (element.calledElement as string | undefined);
  return id?.trim() || undefined;
}

export function extensionValues(element: ModdleElement): ModdleElement[] {
  const ext = element.extensionElements as ModdleElement | undefined;
  return (ext?.values as ModdleElement[] | undefined) ?? [];
}
