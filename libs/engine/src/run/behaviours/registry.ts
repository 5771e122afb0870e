/** One behaviour per kind of element (plus the bodies of multi-instance and loop activities). */
import type { NodeKind } from '../../model.types';
import type { Behaviour } from '../runner';
import { passThroughBehaviour, scriptBehaviour } from './activity.behaviour';
import { boundaryEventBehaviour, endEventBehaviour, intermediateCatchBehaviour, intermediateThrowBehaviour, startEventBehaviour } from './event.behaviour';
import { eventBasedGatewayBehaviour, exclusiveGatewayBehaviour, inclusiveGatewayBehaviour, parallelGatewayBehaviour } from './gateway.behaviour';
import { loopBehaviour, multiInstanceBehaviour } from './loop.behaviour';
import { callActivityBehaviour, receiveBehaviour, serviceBehaviour } from './service-task.behaviour';
import { subProcessBehaviour } from './sub-process.behaviour';
import { userTaskBehaviour } from './user-task.behaviour';

export const BEHAVIOURS: Record<NodeKind | 'multiInstanceBody' | 'loopBody', Behaviour> = {
  startEvent: startEventBehaviour,
  endEvent: endEventBehaviour,
  intermediateCatchEvent: intermediateCatchBehaviour,
  intermediateThrowEvent: intermediateThrowBehaviour,
  boundaryEvent: boundaryEventBehaviour,
  task: passThroughBehaviour,
  manualTask: passThroughBehaviour,
  scriptTask: scriptBehaviour,
  businessRuleTask: scriptBehaviour,
  userTask: userTaskBehaviour,
  serviceTask: serviceBehaviour,
  sendTask: serviceBehaviour,
  receiveTask: receiveBehaviour,
  callActivity: callActivityBehaviour,
  subProcess: subProcessBehaviour,
  adHocSubProcess: subProcessBehaviour,
  transaction: subProcessBehaviour,
  exclusiveGateway: exclusiveGatewayBehaviour,
  parallelGateway: parallelGatewayBehaviour,
  inclusiveGateway: inclusiveGatewayBehaviour,
  complexGateway: inclusiveGatewayBehaviour,
  eventBasedGateway: eventBasedGatewayBehaviour,
  multiInstanceBody: multiInstanceBehaviour,
  loopBody: loopBehaviour,
};
