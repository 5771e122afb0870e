/** bpmn-auto-layout ships no type declarations. */
declare module 'bpmn-auto-layout' {
  /** Lays out the first process of a BPMN document and returns it with a new diagram (BPMN DI). */
  export function layoutProcess(xml: string): Promise<string>;
}
