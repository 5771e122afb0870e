/**
 * Reading and writing the `referral` extension on bpmn-js elements through the command stack
 * (so every edit is undoable and re-lints the diagram).
 */
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

/** A moddle element as the properties panel sees it. */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  id?: string;
  get(name: string): unknown;
  [key: string]: unknown;
}

export interface DiagramElement {
  id: string;
  type: string;
  businessObject: ModdleElement;
  source?: DiagramElement;
}

export interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

export interface CommandStack {
  execute(command: string, context: unknown): void;
}

export interface Command {
  cmd: string;
  context: Record<string, unknown>;
}

export const DATA_SCOPES = ['identity', 'address', 'safe-contact', 'dash', 'perpetrator', 'children', 'health', 'minutes'] as const;
export const FIELD_TYPES = ['string', 'text', 'number', 'integer', 'boolean', 'date', 'enum', 'list'] as const;
export const ROLES = [
  'agency-spoc', 'agency-worker', 'idva', 'marac-coordinator', 'marac-chair', 'pathway-coordinator',
  'partnership-coordinator', 'steering-group', 'manager',
] as const;

/** ISO 8601 duration, the same pattern as the lint rules. */
const DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export function durationError(value: unknown, required = false): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return required ? 'Required' : undefined;
  return DURATION.test(text) ? undefined : 'An ISO 8601 duration, e.g. P2D (2 days) or PT4H (4 hours)';
}

export function splitList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
}

export function values(bo: ModdleElement | undefined): ModdleElement[] {
  const ext = bo?.get('extensionElements') as ModdleElement | undefined;
  return ((ext?.get('values') as ModdleElement[] | undefined) ?? []).slice();
}

export function getExtension(element: DiagramElement, type: string): ModdleElement | undefined {
  return values(getBusinessObject(element) as ModdleElement).find((v) => is(v, type));
}

/**
 * Commands that make sure `element` has an extension element of `type`, and the extension
 * (existing or about to be created) to address further commands to.
 */
export function ensureExtension(element: DiagramElement, type: string, bpmnFactory: BpmnFactory): { extension: ModdleElement; commands: Command[] } {
  const bo = getBusinessObject(element) as ModdleElement;
  const commands: Command[] = [];
  let ext = bo.get('extensionElements') as ModdleElement | undefined;
  if (!ext) {
    ext = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    ext.$parent = bo;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements: ext } } });
  }
  let extension = values(bo).find((v) => is(v, type));
  if (!extension) {
    extension = bpmnFactory.create(type, {});
    extension.$parent = ext;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: ext, properties: { values: [...((ext.get('values') as ModdleElement[] | undefined) ?? []), extension] } },
    });
  }
  return { extension, commands };
}

export function setExtensionProperty(
  element: DiagramElement,
  type: string,
  property: string,
  value: unknown,
  services: { bpmnFactory: BpmnFactory; commandStack: CommandStack },
): void {
  const { extension, commands } = ensureExtension(element, type, services.bpmnFactory);
  const normalised = typeof value === 'string' && value.trim() === '' ? undefined : value;
  commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: extension, properties: { [property]: normalised } } });
  services.commandStack.execute('properties-panel.multi-command-executor', commands);
}

/** Append a child (escalation step, form field) to a list property of the extension. */
export function addToExtensionList(
  element: DiagramElement,
  type: string,
  list: string,
  childType: string,
  attrs: Record<string, unknown>,
  services: { bpmnFactory: BpmnFactory; commandStack: CommandStack },
): void {
  const { extension, commands } = ensureExtension(element, type, services.bpmnFactory);
  const child = services.bpmnFactory.create(childType, attrs);
  child.$parent = extension;
  const current = (extension.get(list) as ModdleElement[] | undefined) ?? [];
  commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: extension, properties: { [list]: [...current, child] } } });
  services.commandStack.execute('properties-panel.multi-command-executor', commands);
}

export function removeFromExtensionList(element: DiagramElement, extension: ModdleElement, list: string, child: ModdleElement, commandStack: CommandStack): void {
  const current = (extension.get(list) as ModdleElement[] | undefined) ?? [];
  commandStack.execute('element.updateModdleProperties', { element, moddleElement: extension, properties: { [list]: current.filter((c) => c !== child) } });
}
