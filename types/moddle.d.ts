// Minimal declarations for the parts of bpmn-moddle, moddle-xml and saxen the engine uses.
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeOrOptions?: unknown): Promise<{ rootElement: unknown; warnings: unknown[] }>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): unknown;
    getType(type: string): unknown;
  }
}

declare module 'moddle-xml' {
  export class Reader {
    constructor(options: { model: unknown; lax?: boolean });
    handler(type: string): unknown;
    fromXML(xml: string, options: { rootHandler: unknown }): Promise<unknown>;
  }
}

declare module 'saxen' {
  type GetContext = () => { line: number; column: number; data: string };
  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(event: 'openTag', cb: (name: string, getAttrs: () => Record<string, string> | false, decode: (s: string) => string, selfClosing: boolean, getContext: GetContext) => void): this;
    on(event: 'closeTag', cb: (name: string) => void): this;
    on(event: 'error' | 'warn', cb: (err: Error, getContext: GetContext) => void): this;
    on(event: 'attention' | 'question' | 'comment' | 'text' | 'cdata', cb: (text: string, decode: (s: string) => string, getContext: GetContext) => void): this;
    parse(xml: string): Error | null;
    stop(): void;
  }
}
