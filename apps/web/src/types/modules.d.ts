// Declarations for the bpmn.io packages that ship no types, kept to what this app uses.
declare module 'virtual:bpmnlint-config' {
  const config: { config: { rules: Record<string, unknown> }; resolver: unknown };
  export default config;
}

declare module 'bpmn-js-bpmnlint' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: import('didi').ModuleDeclaration;
  export const BpmnPropertiesProviderModule: import('didi').ModuleDeclaration;
  export function useService<T = unknown>(name: string): T;
}

declare module '@bpmn-io/properties-panel' {
  type Entry = (props: Record<string, unknown>) => unknown;
  export const TextFieldEntry: Entry;
  export const TextAreaEntry: Entry;
  export const SelectEntry: Entry;
  export const CheckboxEntry: Entry;
  export const CheckboxGroup: Entry;
  export const FeelEntry: Entry;
  export const ListGroup: Entry;
  export const Group: Entry;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isCheckboxEntryEdited(node: unknown): boolean;
  export function isFeelEntryEdited(node: unknown): boolean;
}

declare module 'bpmn-js-differ' {
  export interface DiffResult {
    _added: Record<string, { $type: string; id: string }>;
    _removed: Record<string, { $type: string; id: string }>;
    _changed: Record<string, { model: { $type: string; id: string }; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
    _layoutChanged: Record<string, { $type: string; id: string }>;
  }
  export function diff(oldDefinitions: unknown, newDefinitions: unknown): DiffResult;
}

declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: { message: string }[] }>;
  }
}
