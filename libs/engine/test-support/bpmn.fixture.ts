/**
 * Small inline BPMN fixtures for the engine's specs: `bpmn(body)` wraps process content in a
 * definitions document with the bpmn, zeebe and referral namespaces, so a scenario states only
 * the elements it is about. Diagram interchange is left out: the engine never reads it.
 */

export interface BpmnOptions {
  /** Root elements next to the process (messages, signals, errors, escalations, other processes). */
  roots?: string;
  processId?: string;
  /** Extra attributes on <bpmn:definitions> (e.g. expressionLanguage). */
  definitionsAttrs?: string;
  executable?: boolean;
}

export function bpmn(body: string, options: BpmnOptions = {}): string {
  const id = options.processId ?? 'p';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:referral="http://referral-pathways.org/schema/bpmn/referral/1.0"
  id="defs" targetNamespace="http://example.org/test" ${options.definitionsAttrs ?? ''}>
  ${options.roots ?? ''}
  <bpmn:process id="${id}" isExecutable="${options.executable === false ? 'false' : 'true'}">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/** A sequence flow, optionally with a FEEL condition. */
export function flow(id: string, source: string, target: string, condition?: string): string {
  if (condition === undefined) return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"/>`;
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeXml(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

/** A chain of flows through the given nodes: `chain('f', 'start', 'a', 'end')` → f1 start→a, f2 a→end. */
export function chain(prefix: string, ...nodes: string[]): string {
  const out: string[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) out.push(flow(`${prefix}${i + 1}`, nodes[i]!, nodes[i + 1]!));
  return out.join('\n');
}

/** An end event `<id>_end` after each of the given nodes (so every path of a fixture ends properly). */
export function ends(...nodes: string[]): string {
  return nodes.map((n) => `<bpmn:endEvent id="${n}_end"/>${flow(`${n}_to_end`, n, `${n}_end`)}`).join('\n');
}

export function serviceTask(id: string, type: string, extra = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/>${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
}

export function userTask(id: string, inner = ''): string {
  return inner ? `<bpmn:userTask id="${id}"><bpmn:extensionElements>${inner}</bpmn:extensionElements></bpmn:userTask>` : `<bpmn:userTask id="${id}"/>`;
}

export function timerEvent(kind: 'timeDuration' | 'timeDate' | 'timeCycle', text: string, calendar?: string): string {
  return `<bpmn:timerEventDefinition${calendar ? ` referral:calendar="${calendar}"` : ''}><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${escapeXml(text)}</bpmn:${kind}></bpmn:timerEventDefinition>`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
