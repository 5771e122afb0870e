/**
 * The BPMN 2.0 constraints (EXTnnn): for each rule a small valid model that raises no constraint
 * problem and an invalid variant that raises the rule's problem on the right element.
 */
import type { Problem } from '../../contract.types';
import { compile, parseDefinitions } from '../compile';
import { checkConstraints } from '../constraints';

const NS = [
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema"',
].join(' ');

function doc(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="d" targetNamespace="http://example.org/t">${inner}</bpmn:definitions>`;
}

function proc(body: string, id = 'p', executable = true): string {
  return `<bpmn:process id="${id}" isExecutable="${executable}">${body}</bpmn:process>`;
}

const f = (id: string, source: string, target: string, inner = '', attrs = '') => `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" ${attrs}>${inner}</bpmn:sequenceFlow>`;
const cond = (text: string) => `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${text}</bpmn:conditionExpression>`;
/** start s → {middle} → end e, where `middle` is entered by flow f1 at `first` and left by f2 at `last`. */
const line = (middle = '<bpmn:task id="t"/>', first = 't', last = first, pre = '') =>
  `<bpmn:startEvent id="${pre}s"/>${middle}<bpmn:endEvent id="${pre}e"/>${f(`${pre}f1`, `${pre}s`, first)}${f(`${pre}f2`, last, `${pre}e`)}`;
/** The same line with ids prefixed by q, for a second process. */
const qline = () => line('<bpmn:task id="qt"/>', 'qt', 'qt', 'q');
const message = '<bpmn:message id="m" name="m"/>';

function check(xml: string): Problem[] {
  const { parsed, problems } = parseDefinitions(xml);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return checkConstraints(parsed!.definitions!, parsed!);
}

interface Rule {
  rule: string;
  valid: string;
  invalid: string;
  elementId: string;
  message: RegExp;
}

const splitJoin = (splitDir: string, joinDir: string) =>
  proc(
    `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="split" gatewayDirection="${splitDir}"/><bpmn:task id="a"/><bpmn:task id="b"/>` +
      `<bpmn:parallelGateway id="join" gatewayDirection="${joinDir}"/><bpmn:endEvent id="e"/>` +
      `${f('f1', 's', 'split')}${f('f2', 'split', 'a')}${f('f3', 'split', 'b')}${f('f4', 'a', 'join')}${f('f5', 'b', 'join')}${f('f6', 'join', 'e')}`,
  );

const eventSubProcess = (start: string, roots = '') =>
  doc(`${roots}${proc(`${line()}<bpmn:subProcess id="esp" triggeredByEvent="true">${start}<bpmn:endEvent id="ee"/>${f('ef', 'es', 'ee')}</bpmn:subProcess>`)}`);

const collaboration = (flows: string, start = '<bpmn:startEvent id="s"/>') =>
  doc(
    `${message}<bpmn:collaboration id="c"><bpmn:participant id="pa" processRef="p"/><bpmn:participant id="pb"/>${flows}</bpmn:collaboration>` +
      proc(`${start}<bpmn:task id="t"/><bpmn:endEvent id="e"/>${f('f1', 's', 't')}${f('f2', 't', 'e')}`),
  );

const ioTask = (spec: string, associations = '') => `<bpmn:task id="t"><bpmn:ioSpecification>${spec}</bpmn:ioSpecification>${associations}</bpmn:task>`;

const items = '<bpmn:itemDefinition id="text" structureRef="xsd:string"/><bpmn:itemDefinition id="number" structureRef="xsd:int"/><bpmn:itemDefinition id="texts" structureRef="xsd:string" isCollection="true"/>';

const operation = (inItem: string) =>
  `${items}<bpmn:message id="in" itemRef="${inItem}"/><bpmn:message id="out" itemRef="number"/>` +
  '<bpmn:interface id="if" name="Registry"><bpmn:operation id="op" name="lookUp"><bpmn:inMessageRef>in</bpmn:inMessageRef><bpmn:outMessageRef>out</bpmn:outMessageRef></bpmn:operation></bpmn:interface>';
const serviceSpec =
  '<bpmn:ioSpecification><bpmn:dataInput id="di" itemSubjectRef="text"/><bpmn:dataOutput id="do" itemSubjectRef="number"/>' +
  '<bpmn:inputSet><bpmn:dataInputRefs>di</bpmn:dataInputRefs></bpmn:inputSet><bpmn:outputSet><bpmn:dataOutputRefs>do</bpmn:dataOutputRefs></bpmn:outputSet></bpmn:ioSpecification>';

const callSpec = (inputs: string[]) =>
  `<bpmn:ioSpecification>${inputs.map((item, i) => `<bpmn:dataInput id="${inputs.length > 1 ? 'x' : ''}in${i}" itemSubjectRef="${item}"/>`).join('')}` +
  `<bpmn:inputSet>${inputs.map((_, i) => `<bpmn:dataInputRefs>${inputs.length > 1 ? 'x' : ''}in${i}</bpmn:dataInputRefs>`).join('')}</bpmn:inputSet><bpmn:outputSet/></bpmn:ioSpecification>`;
const calling = (callerInputs: string[]) =>
  doc(
    items +
      proc(line(`<bpmn:callActivity id="call" calledElement="q">${callSpec(callerInputs)}</bpmn:callActivity>`, 'call')) +
      `<bpmn:process id="q" isExecutable="false">${callSpec(['text']).replace(/id="in0"/, 'id="qin0"').replace(/>in0</, '>qin0<')}${qline()}</bpmn:process>`,
  );

const multiInstance = (eachItem: string) =>
  doc(
    items +
      proc(
        line(
          '<bpmn:task id="t"><bpmn:ioSpecification><bpmn:dataInput id="all" itemSubjectRef="texts" isCollection="true"/><bpmn:inputSet><bpmn:dataInputRefs>all</bpmn:dataInputRefs></bpmn:inputSet><bpmn:outputSet/></bpmn:ioSpecification>' +
            `<bpmn:multiInstanceLoopCharacteristics><bpmn:loopDataInputRef>all</bpmn:loopDataInputRef><bpmn:inputDataItem id="each" itemSubjectRef="${eachItem}"/></bpmn:multiInstanceLoopCharacteristics></bpmn:task>`,
        ),
      ),
  );

const eventGateway = (second: string, extra = '') =>
  doc(
    message +
      proc(
        '<bpmn:startEvent id="s"/><bpmn:eventBasedGateway id="g"/>' +
          '<bpmn:intermediateCatchEvent id="timer"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>' +
          `${second}<bpmn:endEvent id="e"/>${extra}${f('f1', 's', 'g')}${f('f2', 'g', 'timer')}${f('f3', 'g', 'w')}${f('f4', 'timer', 'e')}${f('f5', 'w', 'e')}`,
      ),
  );

const rules: Rule[] = [
  {
    rule: 'EXT.023 flow lists agree with the flows',
    valid: doc(
      proc(
        '<bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent><bpmn:task id="t"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:task>' +
          `<bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>${f('f1', 's', 't')}${f('f2', 't', 'e')}`,
      ),
    ),
    invalid: doc(
      proc(
        '<bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent><bpmn:task id="t"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:task>' +
          `<bpmn:endEvent id="e"/>${f('f1', 's', 't')}${f('f2', 't', 'e')}`,
      ),
    ),
    elementId: 'e',
    message: /the sequence flow "f2" enters "e", but the element does not list it as incoming; add <incoming>f2<\/incoming>/,
  },
  {
    rule: 'EXT.024 isImmediate is not false in an executable process',
    valid: doc(proc(line().replace('targetRef="t"', 'targetRef="t" isImmediate="true"'))),
    invalid: doc(proc(line().replace('targetRef="t"', 'targetRef="t" isImmediate="false"'))),
    elementId: 'f1',
    message: /isImmediate="false" .* executable process cannot allow; remove isImmediate/,
  },
  {
    rule: 'EXT.025 a conditional flow from an activity has a sibling',
    valid: doc(proc(`${line()}<bpmn:endEvent id="e2"/>${f('f3', 't', 'e2', cond('x > 1'))}`)),
    invalid: doc(proc(line().replace(`${f('f2', 't', 'e')}`, f('f2', 't', 'e', cond('x > 1'))))),
    elementId: 'f2',
    message: /the only flow leaving "t" has a condition; .* put an exclusive gateway after the activity/,
  },
  {
    rule: 'EXT.017 a converging gateway has one outgoing flow',
    valid: doc(splitJoin('Diverging', 'Converging')),
    invalid: doc(splitJoin('Converging', 'Converging')),
    elementId: 'split',
    message: /a converging gateway merges flows and may have only one outgoing flow \(it has 1 incoming and 2 outgoing\)/,
  },
  {
    rule: 'EXT.018 a diverging gateway has one incoming flow',
    valid: doc(splitJoin('Diverging', 'Unspecified')),
    invalid: doc(splitJoin('Diverging', 'Diverging')),
    elementId: 'join',
    message: /a diverging gateway splits the flow and may have only one incoming flow \(it has 2 incoming and 1 outgoing\)/,
  },
  {
    rule: 'EXT.019 a mixed gateway merges and splits',
    valid: doc(splitJoin('Unspecified', 'Unspecified')),
    invalid: doc(splitJoin('Mixed', 'Unspecified')),
    elementId: 'split',
    message: /a mixed gateway must both merge and split/,
  },
  {
    rule: 'EXT.135 a gateway splits or merges',
    valid: doc(splitJoin('Unspecified', 'Unspecified')),
    invalid: doc(proc(line('<bpmn:exclusiveGateway id="g"/>', 'g'))),
    elementId: 'g',
    message: /a gateway must split the flow .* or merge it .*, and it has 1 incoming and 1 outgoing; remove the gateway and connect the two flows directly/,
  },
  {
    rule: 'EXT.097 end events need a start event on the same level',
    valid: doc(proc(line())),
    invalid: doc(proc(`<bpmn:task id="t"/><bpmn:endEvent id="e"/>${f('f2', 't', 'e')}`)),
    elementId: 'p',
    message: /the process has an end event but no start event; .* add one before its first element/,
  },
  {
    rule: 'EXT.105 a start event needs an end event on the same level',
    valid: doc(proc(line(`<bpmn:subProcess id="t"><bpmn:startEvent id="ss"/><bpmn:endEvent id="se"/>${f('sf', 'ss', 'se')}</bpmn:subProcess>`))),
    invalid: doc(proc(line(`<bpmn:subProcess id="t"><bpmn:startEvent id="ss"/><bpmn:task id="st"/>${f('sf', 'ss', 'st')}</bpmn:subProcess>`))),
    elementId: 't',
    message: /the sub-process "t" has a start event but no end event; .* add one after its last element/,
  },
  {
    rule: 'EXT.101 a start event is the source of a flow',
    valid: doc(proc(line())),
    invalid: doc(proc(`${line()}<bpmn:startEvent id="s2"/>`)),
    elementId: 's2',
    message: /a start event must be the source of a sequence flow, and "s2" has no outgoing flow/,
  },
  {
    rule: 'EXT.107 an end event is the target of a flow',
    valid: doc(proc(line())),
    invalid: doc(proc(`${line()}<bpmn:endEvent id="e2"/>`)),
    elementId: 'e2',
    message: /an end event must be the target of a sequence flow, and "e2" has no incoming flow/,
  },
  {
    rule: 'EXT.115 an intermediate event is the target of a flow (links apart)',
    valid: doc(
      proc(
        '<bpmn:startEvent id="s"/><bpmn:intermediateThrowEvent id="lt"><bpmn:linkEventDefinition name="L"/></bpmn:intermediateThrowEvent>' +
          `<bpmn:intermediateCatchEvent id="lc"><bpmn:linkEventDefinition name="L"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>${f('f1', 's', 'lt')}${f('f2', 'lc', 'e')}`,
      ),
    ),
    invalid: doc(proc(`${line()}<bpmn:intermediateThrowEvent id="i"/>${f('f3', 'i', 't')}`)),
    elementId: 'i',
    message: /an intermediate event must be the target of a sequence flow, and "i" has no incoming flow/,
  },
  {
    rule: 'EXT.116 an intermediate event is the source of a flow',
    valid: doc(proc(line('<bpmn:intermediateThrowEvent id="i"/>', 'i'))),
    invalid: doc(proc(`${line()}<bpmn:intermediateThrowEvent id="i"/>${f('f3', 't', 'i')}`)),
    elementId: 'i',
    message: /an intermediate event must be the source of a sequence flow, and "i" has no outgoing flow/,
  },
  {
    rule: 'EXT.059 error and compensation event sub-processes interrupt',
    valid: eventSubProcess('<bpmn:startEvent id="es" isInterrupting="false"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>', message),
    invalid: eventSubProcess('<bpmn:startEvent id="es" isInterrupting="false"><bpmn:errorEventDefinition/></bpmn:startEvent>'),
    elementId: 'es',
    message: /an event sub-process started by an error always interrupts; remove isInterrupting="false" from "es"/,
  },
  {
    rule: 'EXT.093 one data input per event definition of a throw event',
    valid: doc(
      `${message}${proc(
        line('<bpmn:intermediateThrowEvent id="i"><bpmn:dataInput id="di"/><bpmn:inputSet><bpmn:dataInputRefs>di</bpmn:dataInputRefs></bpmn:inputSet><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent>', 'i'),
      )}`,
    ),
    invalid: doc(
      `${message}<bpmn:signal id="sig" name="sig"/>${proc(
        line(
          '<bpmn:intermediateThrowEvent id="i"><bpmn:dataInput id="di"/><bpmn:inputSet><bpmn:dataInputRefs>di</bpmn:dataInputRefs></bpmn:inputSet><bpmn:messageEventDefinition messageRef="m"/><bpmn:signalEventDefinition signalRef="sig"/></bpmn:intermediateThrowEvent>',
          'i',
        ),
      )}`,
    ),
    elementId: 'i',
    message: /"i" has 1 data input for 2 event definitions; an event that sends data needs exactly one data input per event definition/,
  },
  {
    rule: 'EXT.095 events refer only to top-level event definitions',
    valid: doc(
      '<bpmn:timerEventDefinition id="td"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>' +
        proc(line().replace('<bpmn:startEvent id="s"/>', '<bpmn:startEvent id="s"><bpmn:eventDefinitionRef>td</bpmn:eventDefinitionRef></bpmn:startEvent>')),
    ),
    invalid: doc(
      message +
        proc(
          line('<bpmn:intermediateThrowEvent id="i"><bpmn:messageEventDefinition id="md" messageRef="m"/></bpmn:intermediateThrowEvent>', 'i').replace(
            '<bpmn:startEvent id="s"/>',
            '<bpmn:startEvent id="s"><bpmn:eventDefinitionRef>md</bpmn:eventDefinitionRef></bpmn:startEvent>',
          ),
        ),
    ),
    elementId: 's',
    message: /"s" refers \(eventDefinitionRef\) to the event definition "md" that belongs to "i"; .* define the trigger at the top level/,
  },
  {
    rule: 'EXT.123 a conditional trigger has a formal condition',
    valid: doc(proc(line().replace('<bpmn:startEvent id="s"/>', '<bpmn:startEvent id="s"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">x &gt; 1</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>'))),
    invalid: doc(proc(line().replace('<bpmn:startEvent id="s"/>', '<bpmn:startEvent id="s"><bpmn:conditionalEventDefinition><bpmn:condition>when it is late</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>'))),
    elementId: 's',
    message: /the condition of the conditional trigger is free text.*xsi:type="bpmn:tFormalExpression"/,
  },
  {
    rule: 'EXT.099 a called process has a none start event',
    valid: doc(proc(line('<bpmn:callActivity id="call" calledElement="q"/>', 'call')) + proc(qline(), 'q', false)),
    invalid: doc(message + proc(line('<bpmn:callActivity id="call" calledElement="q"/>', 'call')) + proc(qline().replace('<bpmn:startEvent id="qs"/>', '<bpmn:startEvent id="qs"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>'), 'q', false)),
    elementId: 'q',
    message: /the call activity "call" calls "q", but all its start events have triggers \("qs"\); a called process needs a none start event/,
  },
  {
    rule: 'EXT.029 a participant multiplicity minimum is not negative',
    valid: collaboration('').replace('<bpmn:participant id="pb"/>', '<bpmn:participant id="pb"><bpmn:participantMultiplicity minimum="0" maximum="2"/></bpmn:participant>'),
    invalid: collaboration('').replace('<bpmn:participant id="pb"/>', '<bpmn:participant id="pb"><bpmn:participantMultiplicity minimum="-1" maximum="2"/></bpmn:participant>'),
    elementId: 'pb',
    message: /the participant multiplicity of "pb" has minimum -1; the minimum cannot be negative/,
  },
  {
    rule: 'EXT.030 a participant multiplicity maximum is at least 1 and the minimum',
    valid: collaboration('').replace('<bpmn:participant id="pb"/>', '<bpmn:participant id="pb"><bpmn:participantMultiplicity minimum="2" maximum="2"/></bpmn:participant>'),
    invalid: collaboration('').replace('<bpmn:participant id="pb"/>', '<bpmn:participant id="pb"><bpmn:participantMultiplicity minimum="3" maximum="2"/></bpmn:participant>'),
    elementId: 'pb',
    message: /has maximum 2 and minimum 3; the maximum must be at least 1 and at least the minimum/,
  },
  {
    rule: 'EXT.031 a message flow goes between pools',
    valid: collaboration('<bpmn:messageFlow id="mf" sourceRef="t" targetRef="pb"/>'),
    invalid: collaboration('<bpmn:messageFlow id="mf" sourceRef="pa" targetRef="t"/>'),
    elementId: 'mf',
    message: /a message flow cannot connect two elements of the same pool \("pa" and "t"\)/,
  },
  {
    rule: 'EXT.008 a message flow connects pools, activities and events',
    valid: collaboration('<bpmn:messageFlow id="mf" sourceRef="pb" targetRef="t"/>'),
    invalid: collaboration('<bpmn:messageFlow id="mf" sourceRef="pb" targetRef="f1"/>'),
    elementId: 'mf',
    message: /a message flow connects pools, activities and events, but its target "f1" is a sequence flow/,
  },
  {
    rule: 'EXT.102 a start event does not send a message flow',
    valid: collaboration('<bpmn:messageFlow id="mf" sourceRef="pb" targetRef="s"/>', '<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>'),
    invalid: collaboration('<bpmn:messageFlow id="mf" sourceRef="s" targetRef="pb"/>', '<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>'),
    elementId: 'mf',
    message: /a message flow cannot start at "s": a start event receives messages and cannot send them/,
  },
  {
    rule: 'EXT.108 an end event does not receive a message flow',
    valid: collaboration('<bpmn:messageFlow id="mf" sourceRef="t" targetRef="pb"/>'),
    invalid: collaboration('<bpmn:messageFlow id="mf" sourceRef="pb" targetRef="e"/>'),
    elementId: 'mf',
    message: /a message flow cannot end at "e": an end event sends messages and cannot receive them/,
  },
  {
    rule: 'EXT.103 a start event that receives a message flow is a message start event',
    valid: collaboration('<bpmn:messageFlow id="mf" sourceRef="pb" targetRef="s"/>', '<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>'),
    invalid: collaboration('<bpmn:messageFlow id="mf" sourceRef="pb" targetRef="s"/>'),
    elementId: 's',
    message: /"s" receives the message flow "mf" but has no message trigger; make it a message start event/,
  },
  {
    rule: 'EXT.020/077 a data object agrees with its item definition on isCollection',
    valid: doc(items + proc(`${line()}<bpmn:dataObject id="o" itemSubjectRef="texts" isCollection="true"/>`)),
    invalid: doc(items + proc(`${line()}<bpmn:dataObject id="o" itemSubjectRef="texts"/>`)),
    elementId: 'o',
    message: /"o" is not a collection \(isCollection="false"\) but its item definition "texts" is one/,
  },
  {
    rule: 'EXT.080 a data output association does not write into a data input',
    valid: doc(
      proc(
        '<bpmn:ioSpecification><bpmn:dataInput id="pin"/><bpmn:inputSet><bpmn:dataInputRefs>pin</bpmn:dataInputRefs></bpmn:inputSet><bpmn:outputSet/></bpmn:ioSpecification>' +
          line(
            ioTask(
              '<bpmn:dataOutput id="tout"/><bpmn:inputSet/><bpmn:outputSet><bpmn:dataOutputRefs>tout</bpmn:dataOutputRefs></bpmn:outputSet>',
              '<bpmn:dataOutputAssociation id="a"><bpmn:sourceRef>tout</bpmn:sourceRef><bpmn:targetRef>ref</bpmn:targetRef></bpmn:dataOutputAssociation>',
            ),
            't',
          ) +
          '<bpmn:dataObject id="o"/><bpmn:dataObjectReference id="ref" dataObjectRef="o"/>',
      ),
    ),
    invalid: doc(
      proc(
        '<bpmn:ioSpecification><bpmn:dataInput id="pin"/><bpmn:inputSet><bpmn:dataInputRefs>pin</bpmn:dataInputRefs></bpmn:inputSet><bpmn:outputSet/></bpmn:ioSpecification>' +
          line(
            ioTask(
              '<bpmn:dataOutput id="tout"/><bpmn:inputSet/><bpmn:outputSet><bpmn:dataOutputRefs>tout</bpmn:dataOutputRefs></bpmn:outputSet>',
              '<bpmn:dataOutputAssociation id="a"><bpmn:sourceRef>tout</bpmn:sourceRef><bpmn:targetRef>pin</bpmn:targetRef></bpmn:dataOutputAssociation>',
            ),
            't',
          ),
      ),
    ),
    elementId: 'a',
    message: /the data output association "a" writes into the data input "pin"; data inputs are only read/,
  },
  {
    rule: 'EXT.082 a data input association does not read a data output',
    valid: doc(
      proc(
        '<bpmn:ioSpecification><bpmn:dataInput id="pin"/><bpmn:inputSet><bpmn:dataInputRefs>pin</bpmn:dataInputRefs></bpmn:inputSet><bpmn:outputSet/></bpmn:ioSpecification>' +
          line(ioTask('<bpmn:dataInput id="tin"/><bpmn:inputSet><bpmn:dataInputRefs>tin</bpmn:dataInputRefs></bpmn:inputSet><bpmn:outputSet/>', '<bpmn:dataInputAssociation id="a"><bpmn:sourceRef>pin</bpmn:sourceRef><bpmn:targetRef>tin</bpmn:targetRef></bpmn:dataInputAssociation>'), 't'),
      ),
    ),
    invalid: doc(
      proc(
        '<bpmn:ioSpecification><bpmn:dataOutput id="pout"/><bpmn:inputSet/><bpmn:outputSet><bpmn:dataOutputRefs>pout</bpmn:dataOutputRefs></bpmn:outputSet></bpmn:ioSpecification>' +
          line(ioTask('<bpmn:dataInput id="tin"/><bpmn:inputSet><bpmn:dataInputRefs>tin</bpmn:dataInputRefs></bpmn:inputSet><bpmn:outputSet/>', '<bpmn:dataInputAssociation id="a"><bpmn:sourceRef>pout</bpmn:sourceRef><bpmn:targetRef>tin</bpmn:targetRef></bpmn:dataInputAssociation>'), 't'),
      ),
    ),
    elementId: 'a',
    message: /the data input association "a" reads the data output "pout"; data outputs are only written/,
  },
  {
    rule: 'EXT.084 a data input is in an input set',
    valid: doc(proc(line(ioTask('<bpmn:dataInput id="tin"/><bpmn:inputSet><bpmn:dataInputRefs>tin</bpmn:dataInputRefs></bpmn:inputSet><bpmn:outputSet/>')))),
    invalid: doc(proc(line(ioTask('<bpmn:dataInput id="tin"/><bpmn:inputSet/><bpmn:outputSet/>')))),
    elementId: 'tin',
    message: /the data input "tin" of "t" is in no input set; list it in an <inputSet>/,
  },
  {
    rule: 'EXT.088 a data output is in an output set',
    valid: doc(proc(line(ioTask('<bpmn:dataOutput id="tout"/><bpmn:inputSet/><bpmn:outputSet><bpmn:dataOutputRefs>tout</bpmn:dataOutputRefs></bpmn:outputSet>')))),
    invalid: doc(proc(line(ioTask('<bpmn:dataOutput id="tout"/><bpmn:inputSet/><bpmn:outputSet/>')))),
    elementId: 'tout',
    message: /the data output "tout" of "t" is in no output set/,
  },
  {
    rule: 'EXT.085 an optional input is one of the set’s inputs',
    valid: doc(proc(line(ioTask('<bpmn:dataInput id="a"/><bpmn:inputSet id="is"><bpmn:dataInputRefs>a</bpmn:dataInputRefs><bpmn:optionalInputRefs>a</bpmn:optionalInputRefs></bpmn:inputSet><bpmn:outputSet/>')))),
    invalid: doc(
      proc(
        line(
          ioTask(
            '<bpmn:dataInput id="a"/><bpmn:dataInput id="b"/><bpmn:inputSet id="is"><bpmn:dataInputRefs>a</bpmn:dataInputRefs><bpmn:optionalInputRefs>b</bpmn:optionalInputRefs></bpmn:inputSet><bpmn:inputSet id="is2"><bpmn:dataInputRefs>b</bpmn:dataInputRefs></bpmn:inputSet><bpmn:outputSet/>',
          ),
        ),
      ),
    ),
    elementId: 'is',
    message: /the input set "is" marks "b" as optional but does not list it in its dataInputRefs/,
  },
  {
    rule: 'EXT.090 a while-executing output is one of the set’s outputs',
    valid: doc(proc(line(ioTask('<bpmn:dataOutput id="a"/><bpmn:inputSet/><bpmn:outputSet id="os"><bpmn:dataOutputRefs>a</bpmn:dataOutputRefs><bpmn:whileExecutingOutputRefs>a</bpmn:whileExecutingOutputRefs></bpmn:outputSet>')))),
    invalid: doc(
      proc(
        line(
          ioTask(
            '<bpmn:dataOutput id="a"/><bpmn:dataOutput id="b"/><bpmn:inputSet/><bpmn:outputSet id="os"><bpmn:dataOutputRefs>a</bpmn:dataOutputRefs><bpmn:whileExecutingOutputRefs>b</bpmn:whileExecutingOutputRefs></bpmn:outputSet><bpmn:outputSet id="os2"><bpmn:dataOutputRefs>b</bpmn:dataOutputRefs></bpmn:outputSet>',
          ),
        ),
      ),
    ),
    elementId: 'os',
    message: /the output set "os" marks "b" as while-executing but does not list it in its dataOutputRefs; a while-executing output/,
  },
  {
    rule: 'EXT.087 input and output sets refer to each other both ways',
    valid: doc(proc(line(ioTask('<bpmn:inputSet id="is"><bpmn:outputSetRefs>os</bpmn:outputSetRefs></bpmn:inputSet><bpmn:outputSet id="os"><bpmn:inputSetRefs>is</bpmn:inputSetRefs></bpmn:outputSet>')))),
    invalid: doc(proc(line(ioTask('<bpmn:inputSet id="is"><bpmn:outputSetRefs>os</bpmn:outputSetRefs></bpmn:inputSet><bpmn:outputSet id="os"/>')))),
    elementId: 'is',
    message: /the input set "is" refers to the output set "os" \(outputSetRefs\), but that output set does not refer back to it/,
  },
  {
    rule: 'EXT.044 a service task passes the operation’s input message',
    valid: doc(operation('text') + proc(line(`<bpmn:serviceTask id="t" operationRef="op">${serviceSpec}</bpmn:serviceTask>`))),
    invalid: doc(operation('number') + proc(line(`<bpmn:serviceTask id="t" operationRef="op">${serviceSpec}</bpmn:serviceTask>`))),
    elementId: 't',
    message: /the service task "t" sends the message "in" of the operation "lookUp" \(op\), so it needs exactly one data input with the message's item \(item definition "number", structure xsd:int\); it has one with item definition "text"/,
  },
  {
    rule: 'EXT.042 a service task that invokes an operation has one input set',
    valid: doc(operation('text') + proc(line(`<bpmn:serviceTask id="t" operationRef="op">${serviceSpec}</bpmn:serviceTask>`))),
    invalid: doc(operation('text') + proc(line('<bpmn:serviceTask id="t" operationRef="op"/>'))),
    elementId: 't',
    message: /invokes the operation "lookUp" \(op\) and needs exactly one input set in its ioSpecification \(it has 0\)/,
  },
  {
    rule: 'EXT.048 a send task’s data input has the message’s item',
    valid: doc(`${items}<bpmn:message id="m" itemRef="text"/>${proc(line(`<bpmn:sendTask id="t" messageRef="m">${callSpec(['text'])}</bpmn:sendTask>`))}`),
    invalid: doc(`${items}<bpmn:message id="m" itemRef="text"/>${proc(line(`<bpmn:sendTask id="t" messageRef="m">${callSpec(['number'])}</bpmn:sendTask>`))}`),
    elementId: 't',
    message: /the data input "in0" of the send task "t" has item definition "number", structure xsd:int, but the message "m" carries item definition "text"/,
  },
  {
    rule: 'EXT.047 a send task has at most one data input',
    valid: doc(`${items}<bpmn:message id="m" itemRef="text"/>${proc(line(`<bpmn:sendTask id="t" messageRef="m">${callSpec(['text'])}</bpmn:sendTask>`))}`),
    invalid: doc(`${items}<bpmn:message id="m" itemRef="text"/>${proc(line(`<bpmn:sendTask id="t" messageRef="m">${callSpec(['text', 'text'])}</bpmn:sendTask>`))}`),
    elementId: 't',
    message: /the send task "t" sends one message and may have at most one data input \(it has 2\)/,
  },
  {
    rule: 'EXT.063 a call activity passes the data the called process declares',
    valid: calling(['text']),
    invalid: calling(['text', 'text']),
    elementId: 'call',
    message: /the call activity "call" must pass exactly the data that "q" declares in its ioSpecification, but it has 2 data inputs where "q" has 1/,
  },
  {
    rule: 'EXT.063 matching data items',
    valid: calling(['text']),
    invalid: calling(['number']),
    elementId: 'call',
    message: /its data input "in0" has item definition "number", structure xsd:int where the matching data input "qin0" has item definition "text"/,
  },
  {
    rule: 'EXT.064 a process exposed as a service binds its operations',
    valid: doc(
      operation('text') +
        `<bpmn:process id="p" isExecutable="true"><bpmn:supportedInterfaceRef>if</bpmn:supportedInterfaceRef>${serviceSpec}<bpmn:ioBinding operationRef="op" inputDataRef="di" outputDataRef="do"/>${line()}</bpmn:process>`,
    ),
    invalid: doc(operation('text') + `<bpmn:process id="p" isExecutable="true"><bpmn:supportedInterfaceRef>if</bpmn:supportedInterfaceRef>${line()}</bpmn:process>`),
    elementId: 'p',
    message: /"p" is exposed as a service \(supportedInterfaceRef "Registry" \(if\)\) but binds no operation to its inputs and outputs; add an <ioBinding/,
  },
  {
    rule: 'EXT.070 a multi-instance input item is one element of the collection',
    valid: multiInstance('text'),
    invalid: multiInstance('number'),
    elementId: 't',
    message: /the input data item of the multi-instance activity "t" has the structure xsd:int, but "all" is a collection of xsd:string/,
  },
  {
    rule: 'EXT.061 an ad-hoc sub-process contains an activity',
    valid: doc(proc(line('<bpmn:adHocSubProcess id="t"><bpmn:task id="x"/></bpmn:adHocSubProcess>'))),
    invalid: doc(proc(line('<bpmn:adHocSubProcess id="t"/>'))),
    elementId: 't',
    message: /the ad-hoc sub-process "t" contains no activity/,
  },
  {
    rule: 'EXT.062 an ad-hoc sub-process has no start or end events',
    valid: doc(proc(line('<bpmn:adHocSubProcess id="t"><bpmn:task id="x"/></bpmn:adHocSubProcess>'))),
    invalid: doc(proc(line('<bpmn:adHocSubProcess id="t"><bpmn:task id="x"/><bpmn:startEvent id="as"/></bpmn:adHocSubProcess>'))),
    elementId: 'as',
    message: /"as" is a start event inside the ad-hoc sub-process "t"; an ad-hoc sub-process has no start or end events/,
  },
  {
    rule: 'EXT.039 a performer names a resource or an assignment expression, not both',
    valid: doc(
      '<bpmn:resource id="r" name="IDVA"/>' + proc(line('<bpmn:task id="t"><bpmn:performer id="perf"><bpmn:resourceRef>r</bpmn:resourceRef></bpmn:performer></bpmn:task>')),
    ),
    invalid: doc(
      '<bpmn:resource id="r" name="IDVA"/>' +
        proc(
          line(
            '<bpmn:task id="t"><bpmn:performer id="perf"><bpmn:resourceRef>r</bpmn:resourceRef><bpmn:resourceAssignmentExpression><bpmn:formalExpression>role</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:performer></bpmn:task>',
          ),
        ),
    ),
    elementId: 't',
    message: /the performer of "t" names a resource \(resourceRef "IDVA" \(r\)\) and also a resourceAssignmentExpression; use one of the two/,
  },
  {
    rule: 'EXT.040 resource parameter bindings need a resource',
    valid: doc(
      '<bpmn:resource id="r"><bpmn:resourceParameter id="rp" name="area"/></bpmn:resource>' +
        proc(line('<bpmn:task id="t"><bpmn:performer><bpmn:resourceRef>r</bpmn:resourceRef><bpmn:resourceParameterBinding parameterRef="rp"><bpmn:formalExpression>"north"</bpmn:formalExpression></bpmn:resourceParameterBinding></bpmn:performer></bpmn:task>')),
    ),
    invalid: doc(
      '<bpmn:resource id="r"><bpmn:resourceParameter id="rp" name="area"/></bpmn:resource>' +
        proc(line('<bpmn:task id="t"><bpmn:performer><bpmn:resourceParameterBinding parameterRef="rp"><bpmn:formalExpression>"north"</bpmn:formalExpression></bpmn:resourceParameterBinding></bpmn:performer></bpmn:task>')),
    ),
    elementId: 't',
    message: /the performer of "t" binds resource parameters but names no resource \(resourceRef\)/,
  },
  {
    rule: 'EXT.056 no choreography activities in a process',
    valid: doc(proc(line())),
    invalid: doc(proc(line('<bpmn:subProcess id="t"><bpmn:choreographyTask id="ct"/></bpmn:subProcess>'))),
    elementId: 'ct',
    message: /"ct" is a choreography task, which belongs in a choreography, not in a sub-process/,
  },
  {
    rule: 'EXT.145 a script format is a MIME type',
    valid: doc(proc(line('<bpmn:scriptTask id="t" scriptFormat="feel"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>'))),
    invalid: doc(proc(line('<bpmn:scriptTask id="t" scriptFormat="INVALID"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>'))),
    elementId: 't',
    message: /the script format "INVALID" of "t" is not a MIME type/,
  },
  {
    rule: 'EXT.010 a text annotation format is a MIME type',
    valid: doc(proc(`${line()}<bpmn:textAnnotation id="n" textFormat="text/plain"><bpmn:text>note</bpmn:text></bpmn:textAnnotation>`)),
    invalid: doc(proc(`${line()}<bpmn:textAnnotation id="n" textFormat="plain"><bpmn:text>note</bpmn:text></bpmn:textAnnotation>`)),
    elementId: 'n',
    message: /the text format "plain" of the text annotation "n" is not a MIME type/,
  },
  {
    rule: 'EXT.072 a condition is not a literal number or text',
    valid: doc(
      proc(line('<bpmn:task id="t"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">3</bpmn:loopCardinality><bpmn:completionCondition xsi:type="bpmn:tFormalExpression">done</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:task>')),
    ),
    invalid: doc(
      proc(line('<bpmn:task id="t"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">3</bpmn:loopCardinality><bpmn:completionCondition xsi:type="bpmn:tFormalExpression">23</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:task>')),
    ),
    elementId: 't',
    message: /the completion condition of "t" is a number \(23\), which is never true or false/,
  },
  {
    rule: 'EXT.139 message events or receive tasks after an event-based gateway, not both',
    valid: eventGateway('<bpmn:intermediateCatchEvent id="w"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>'),
    invalid: eventGateway(
      '<bpmn:receiveTask id="w" messageRef="m"/><bpmn:intermediateCatchEvent id="w2"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>',
      `${f('f6', 'g', 'w2')}${f('f7', 'w2', 'e')}`,
    ),
    elementId: 'g',
    message: /after the event-based gateway "g" wait for messages either with message catch events \("w2"\) or with receive tasks \("w"\), not both/,
  },
  {
    rule: 'EXT.140 a receive task after an event-based gateway has no boundary events',
    valid: eventGateway('<bpmn:receiveTask id="w" messageRef="m"/>'),
    invalid: eventGateway(
      '<bpmn:receiveTask id="w" messageRef="m"/><bpmn:boundaryEvent id="b" attachedToRef="w"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
      f('f6', 'b', 'e'),
    ),
    elementId: 'w',
    message: /the receive task "w" follows an event-based gateway and cannot have boundary events \("b"\)/,
  },
];

describe('BPMN 2.0 constraints', () => {
  describe.each(rules)('$rule', ({ valid, invalid, elementId, message }) => {
    it('accepts the valid model', () => {
      expect(check(valid)).toEqual([]);
    });
    it('reports the invalid model on the element', () => {
      const problems = check(invalid);
      expect(problems).toContainEqual({ elementId, message: expect.stringMatching(message), severity: 'error', code: 'structure' });
    });
  });

  it('does not check inside a process that is neither executable nor called', () => {
    expect(check(doc(proc(line('<bpmn:exclusiveGateway id="g"/>', 'g'), 'p', false)))).toEqual([]);
  });

  it('leaves the flow lists alone when the file lists none', () => {
    expect(check(doc(proc(line())))).toEqual([]);
  });

  it('compares structures by namespace, not by prefix', () => {
    const xml = doc(
      '<bpmn:itemDefinition id="a" structureRef="xsd:string"/><bpmn:itemDefinition id="b" xmlns:xs="http://www.w3.org/2001/XMLSchema" structureRef="xsd:string"/>' +
        `<bpmn:message id="m" itemRef="a"/>${proc(line(`<bpmn:sendTask id="t" messageRef="m">${callSpec(['b'])}</bpmn:sendTask>`))}`,
    );
    expect(check(xml)).toEqual([]);
  });

  it('refuses the model in compile() with the problem by element id', () => {
    const result = compile(doc(proc(line('<bpmn:exclusiveGateway id="g"/>', 'g'))));
    expect(result.model).toBeUndefined();
    expect(result.problems).toContainEqual(expect.objectContaining({ elementId: 'g', code: 'structure', message: expect.stringMatching(/a gateway must split the flow/) }));
  });

  it('compiles a model that keeps the constraints', () => {
    const result = compile(doc(splitJoin('Diverging', 'Converging')));
    expect(result.problems).toBeUndefined();
  });
});
