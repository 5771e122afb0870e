import {
  BroadcastSignalUseCase, CancelChildUseCase, DeliverSignalUseCase, FireStartTimerUseCase, FireDueTimersUseCase, InvokeServiceUseCase,
  NotifyParentUseCase, PublishMessageUseCase, RuntimeServices, StartChildUseCase,
} from '@app/application';
import { JobHandlerRegistry, JobName } from '@app/queue';

/**
 * Maps the runtime's job names to their use cases. Processors only map jobs to use cases;
 * `JobHandlersCheck` stops the worker from starting if any job name has no handler.
 */
export function createJobHandlers(
  rt: RuntimeServices,
  uc: {
    fireDueTimers: FireDueTimersUseCase; fireStartTimer: FireStartTimerUseCase; invokeService: InvokeServiceUseCase; startChild: StartChildUseCase;
    cancelChild: CancelChildUseCase; notifyParent: NotifyParentUseCase; publishMessage: PublishMessageUseCase; broadcastSignal: BroadcastSignalUseCase;
    deliverSignal: DeliverSignalUseCase;
  },
): JobHandlerRegistry {
  const r = new JobHandlerRegistry();
  r.register(JobName.TimerWake, async (data) => void (await uc.fireDueTimers.execute(data)));
  r.register(JobName.StartTimerFire, async (data, meta) => {
    const out = await uc.fireStartTimer.execute(data);
    if (out.kind === 'early' && meta.retryAt) await meta.retryAt(Date.now() + rt.clock.realDelayMs(out.dueAt));
  });
  r.register(JobName.ServiceInvoke, async (data, meta) => void (await uc.invokeService.execute(data, meta)));
  r.register(JobName.ChildStart, async (data, meta) => void (await uc.startChild.execute(data, meta)));
  r.register(JobName.ChildCancel, async (data, meta) => void (await uc.cancelChild.execute(data, meta)));
  r.register(JobName.ChildNotifyParent, async (data, meta) => void (await uc.notifyParent.execute(data, meta)));
  r.register(JobName.MessagePublish, async (data, meta) => void (await uc.publishMessage.execute(data, meta)));
  r.register(JobName.SignalBroadcast, async (data, meta) => void (await uc.broadcastSignal.execute(data, meta)));
  r.register(JobName.SignalDeliver, async (data, meta) => void (await uc.deliverSignal.execute(data, meta)));
  return r;
}
