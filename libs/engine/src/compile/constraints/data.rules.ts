/**
 * Data rules: collections against their item definitions, the direction of data associations,
 * input and output sets of an ioSpecification, the data of tasks that send, receive or call a
 * service operation, of call activities against what they call, and of multi-instance items.
 */
import type { ModdleElement } from '../moddle';
import { an, ConstraintContext, label, list } from './context';

export function checkData(ctx: ConstraintContext): void {
  checkCollections(ctx);
  checkAssociations(ctx);
  for (const spec of ctx.ofType('bpmn:InputOutputSpecification')) checkSets(ctx, spec);
  checkServiceTasks(ctx);
  checkMessageTasks(ctx);
  checkCallActivities(ctx);
  checkInterfaces(ctx);
  checkMultiInstanceItems(ctx);
}

const item = (element: ModdleElement | undefined) => element?.itemSubjectRef as ModdleElement | undefined;

/** EXT.020 (EXT.077, EXT.081, EXT.083): isCollection agrees with the item definition. */
function checkCollections(ctx: ConstraintContext): void {
  for (const element of ctx.ofType('bpmn:DataObject', 'bpmn:DataInput', 'bpmn:DataOutput')) {
    const definition = item(element);
    if (!definition) continue;
    const mine = element.isCollection === true;
    const theirs = definition.isCollection === true;
    if (mine === theirs) continue;
    const owner = element.id ? element : element.$parent;
    ctx.problem(owner, `${label(element)} is ${mine ? '' : 'not '}a collection (isCollection="${mine}") but its item definition "${definition.id}" is ${theirs ? '' : 'not '}one; make isCollection the same on both`);
  }
}

/**
 * EXT.080, EXT.082: data flows into an activity's data inputs and out of its data outputs. A data
 * output association cannot write into a data input, and a data input association cannot read a
 * data output.
 */
function checkAssociations(ctx: ConstraintContext): void {
  for (const association of ctx.ofType('bpmn:DataOutputAssociation')) {
    const target = association.targetRef as ModdleElement | undefined;
    if (target?.$type === 'bpmn:DataInput') {
      ctx.problem(association.id ? association : association.$parent, `the data output association "${association.id ?? ''}" writes into the data input ${label(target)}; data inputs are only read — write to a data object, property or data output instead`);
    }
  }
  for (const association of ctx.ofType('bpmn:DataInputAssociation')) {
    for (const source of list(association.sourceRef)) {
      if (source?.$type === 'bpmn:DataOutput') {
        ctx.problem(association.id ? association : association.$parent, `the data input association "${association.id ?? ''}" reads the data output ${label(source)}; data outputs are only written — read from a data object, property or data input instead`);
      }
    }
  }
}

/** EXT.084 to EXT.090: the input and output sets of an ioSpecification. */
function checkSets(ctx: ConstraintContext, spec: ModdleElement): void {
  const owner = spec.$parent;
  const inputSets = list(spec.inputSets);
  const outputSets = list(spec.outputSets);
  for (const input of list(spec.dataInputs)) {
    if (!inputSets.some((s) => list(s.dataInputRefs).includes(input))) {
      ctx.problem(input, `the data input ${label(input)} of ${label(owner)} is in no input set; list it in an <inputSet> (<dataInputRefs>${input.id}</dataInputRefs>)`);
    }
  }
  for (const output of list(spec.dataOutputs)) {
    if (!outputSets.some((s) => list(s.dataOutputRefs).includes(output))) {
      ctx.problem(output, `the data output ${label(output)} of ${label(owner)} is in no output set; list it in an <outputSet> (<dataOutputRefs>${output.id}</dataOutputRefs>)`);
    }
  }
  const where = (set: ModdleElement) => (set.id ? `the ${set.$type === 'bpmn:InputSet' ? 'input' : 'output'} set "${set.id}"` : `an ${set.$type === 'bpmn:InputSet' ? 'input' : 'output'} set of ${label(owner)}`);
  const at = (set: ModdleElement) => (set.id ? set : owner);
  for (const set of inputSets) {
    const members = list(set.dataInputRefs);
    for (const [refs, kind] of [
      [list(set.optionalInputRefs), 'optional'],
      [list(set.whileExecutingInputRefs), 'while-executing'],
    ] as const) {
      for (const ref of refs) {
        if (ref && !members.includes(ref)) ctx.problem(at(set), `${where(set)} marks ${label(ref)} as ${kind} but does not list it in its dataInputRefs; ${an(kind)} input must also be one of the set's inputs`);
      }
    }
    for (const other of list(set.outputSetRefs)) {
      if (other && !list(other.inputSetRefs).includes(set)) {
        ctx.problem(at(set), `${where(set)} refers to ${where(other)} (outputSetRefs), but that output set does not refer back to it (inputSetRefs); the two references must match`);
      }
    }
  }
  for (const set of outputSets) {
    const members = list(set.dataOutputRefs);
    for (const [refs, kind] of [
      [list(set.optionalOutputRefs), 'optional'],
      [list(set.whileExecutingOutputRefs), 'while-executing'],
    ] as const) {
      for (const ref of refs) {
        if (ref && !members.includes(ref)) ctx.problem(at(set), `${where(set)} marks ${label(ref)} as ${kind} but does not list it in its dataOutputRefs; ${an(kind)} output must also be one of the set's outputs`);
      }
    }
    for (const other of list(set.inputSetRefs)) {
      if (other && !list(other.outputSetRefs).includes(set)) {
        ctx.problem(at(set), `${where(set)} refers to ${where(other)} (inputSetRefs), but that input set does not refer back to it (outputSetRefs); the two references must match`);
      }
    }
  }
}

/**
 * EXT.042 to EXT.045: a service task that invokes an operation passes its messages through its
 * ioSpecification. Where a message declares no item definition there is nothing to compare its
 * data with, and only the number of data inputs and outputs is checked.
 */
function checkServiceTasks(ctx: ConstraintContext): void {
  for (const task of ctx.ofType('bpmn:ServiceTask')) {
    const operation = task.operationRef as ModdleElement | undefined;
    if (!operation) continue;
    const spec = task.ioSpecification as ModdleElement | undefined;
    const inputSets = list(spec?.inputSets).length;
    const outputSets = list(spec?.outputSets).length;
    const inputs = list(spec?.dataInputs);
    const outputs = list(spec?.dataOutputs);
    const op = label(operation);
    if (inputSets !== 1) ctx.problem(task, `the service task ${label(task)} invokes the operation ${op} and needs exactly one input set in its ioSpecification (it has ${inputSets})`);
    if (outputSets > 1) ctx.problem(task, `the service task ${label(task)} invokes the operation ${op} and may have at most one output set in its ioSpecification (it has ${outputSets})`);
    const inMessage = operation.inMessageRef as ModdleElement | undefined;
    if (inMessage) {
      const expected = inMessage.itemRef as ModdleElement | undefined;
      if (inputs.length !== 1 || (expected && !ctx.sameItem(item(inputs[0]), expected))) {
        ctx.problem(task, `the service task ${label(task)} sends the message ${label(inMessage)} of the operation ${op}, so it needs exactly one data input with the message's item (${ctx.describeItem(expected)}); it has ${inputs.length === 1 ? `one with ${ctx.describeItem(item(inputs[0]))}` : inputs.length}`);
      }
    }
    const outMessage = operation.outMessageRef as ModdleElement | undefined;
    if (outMessage) {
      const expected = outMessage.itemRef as ModdleElement | undefined;
      if (outputs.length !== 1 || (expected && !ctx.sameItem(item(outputs[0]), expected))) {
        ctx.problem(task, `the operation ${op} of the service task ${label(task)} answers with the message ${label(outMessage)}, so the task needs exactly one data output with the message's item (${ctx.describeItem(expected)}); it has ${outputs.length === 1 ? `one with ${ctx.describeItem(item(outputs[0]))}` : outputs.length}`);
      }
    }
  }
}

/** EXT.046 to EXT.048 (send tasks) and EXT.050 to EXT.052 (receive tasks): at most one set and one data item, of the message's item definition. */
function checkMessageTasks(ctx: ConstraintContext): void {
  for (const task of ctx.ofType('bpmn:SendTask', 'bpmn:ReceiveTask')) {
    const message = task.messageRef as ModdleElement | undefined;
    if (!message) continue;
    const sending = task.$type === 'bpmn:SendTask';
    const spec = task.ioSpecification as ModdleElement | undefined;
    const sets = list(sending ? spec?.inputSets : spec?.outputSets).length;
    const data = list(sending ? spec?.dataInputs : spec?.dataOutputs);
    const what = sending ? 'data input' : 'data output';
    const kind = sending ? 'send task' : 'receive task';
    if (sets > 1) ctx.problem(task, `the ${kind} ${label(task)} ${sending ? 'sends' : 'receives'} one message and may have at most one ${sending ? 'input' : 'output'} set (it has ${sets})`);
    if (data.length > 1) ctx.problem(task, `the ${kind} ${label(task)} ${sending ? 'sends' : 'receives'} one message and may have at most one ${what} (it has ${data.length}); the message is the only data it ${sending ? 'sends' : 'receives'}`);
    const expected = message.itemRef as ModdleElement | undefined;
    if (data.length === 1 && expected && !ctx.sameItem(item(data[0]), expected)) {
      ctx.problem(task, `the ${what} ${label(data[0])} of the ${kind} ${label(task)} has ${ctx.describeItem(item(data[0]))}, but the message ${label(message)} carries ${ctx.describeItem(expected)}; give the ${what} the message's item definition`);
    }
  }
}

/**
 * EXT.063: a call activity passes exactly the data the called process or global task declares:
 * the same data inputs and outputs, one for one with the same item definitions, and as many input
 * and output sets. A call activity without an ioSpecification passes variables and is not compared.
 */
function checkCallActivities(ctx: ConstraintContext): void {
  for (const call of ctx.ofType('bpmn:CallActivity')) {
    const mine = call.ioSpecification as ModdleElement | undefined;
    const called = ctx.called(call);
    if (!mine || !called || !(called.$type === 'bpmn:Process' || called.$type.startsWith('bpmn:Global'))) continue;
    const theirs = called.ioSpecification as ModdleElement | undefined;
    const differences: string[] = [];
    for (const [key, what] of [
      ['dataInputs', 'data input'],
      ['dataOutputs', 'data output'],
      ['inputSets', 'input set'],
      ['outputSets', 'output set'],
    ] as const) {
      const a = list(mine[key]);
      const b = list(theirs?.[key]);
      if (a.length !== b.length) {
        differences.push(`it has ${a.length} ${what}s where ${label(called)} has ${b.length}`);
        continue;
      }
      if (key === 'dataInputs' || key === 'dataOutputs') {
        a.forEach((x, i) => {
          if (!ctx.sameItem(item(x), item(b[i]))) differences.push(`its ${what} ${label(x)} has ${ctx.describeItem(item(x))} where the matching ${what} ${label(b[i])} has ${ctx.describeItem(item(b[i]))}`);
        });
      }
    }
    if (differences.length) {
      ctx.problem(call, `the call activity ${label(call)} must pass exactly the data that ${label(called)} declares in its ioSpecification, but ${differences.join('; ')}; make the two ioSpecifications match one for one`);
    }
  }
}

/** EXT.064: a process or global task exposed as a service binds its interface's operations to its data (ioBinding). */
function checkInterfaces(ctx: ConstraintContext): void {
  for (const callable of list(ctx.definitions.rootElements)) {
    if (!(callable.$type === 'bpmn:Process' || callable.$type.startsWith('bpmn:Global')) || !ctx.runnable.has(callable)) continue;
    const interfaces = list(callable.supportedInterfaceRef);
    if (interfaces.length && !list(callable.ioBinding).length) {
      ctx.problem(callable, `${label(callable)} is exposed as a service (supportedInterfaceRef ${interfaces.map((i) => label(i)).join(', ')}) but binds no operation to its inputs and outputs; add an <ioBinding operationRef="…" inputDataRef="…" outputDataRef="…"/> per operation, or remove supportedInterfaceRef`);
    }
  }
}

/**
 * EXT.069, EXT.070: a multi-instance activity hands each instance one element of its input
 * collection (inputDataItem) and collects one output per instance (outputDataItem): the item is
 * not a collection and has the structure of the collection's elements.
 */
function checkMultiInstanceItems(ctx: ConstraintContext): void {
  for (const loop of ctx.ofType('bpmn:MultiInstanceLoopCharacteristics')) {
    const activity = loop.$parent;
    for (const [collectionKey, itemKey, what] of [
      ['loopDataInputRef', 'inputDataItem', 'input'],
      ['loopDataOutputRef', 'outputDataItem', 'output'],
    ] as const) {
      const collection = loop[collectionKey] as ModdleElement | undefined;
      const each = loop[itemKey] as ModdleElement | undefined;
      if (!collection || !each) continue;
      const eachItem = item(each);
      if (each.isCollection === true || eachItem?.isCollection === true) {
        ctx.problem(activity, `the ${what} data item of the multi-instance activity ${label(activity)} is a collection; each instance ${what === 'input' ? 'receives' : 'produces'} one element of ${label(collection)}, so the item definition must be a single value (isCollection="false")`);
        continue;
      }
      const collectionItem = item(collection);
      const a = typeof collectionItem?.structureRef === 'string' ? collectionItem.structureRef : '';
      const b = typeof eachItem?.structureRef === 'string' ? eachItem.structureRef : '';
      if (a && b && !ctx.sameItem({ $type: 'bpmn:ItemDefinition', structureRef: a }, { $type: 'bpmn:ItemDefinition', structureRef: b })) {
        ctx.problem(activity, `the ${what} data item of the multi-instance activity ${label(activity)} has the structure ${b}, but ${label(collection)} is a collection of ${a}; give the item the structure of the collection's elements`);
      }
    }
  }
}
