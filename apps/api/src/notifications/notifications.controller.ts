import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, DomainError, ErrorCode, RUNTIME, type RuntimeServices } from '@app/application';
import { InboxRepository, PreferencesRepository, ReplayDeadLetterUseCase, WebhooksRepository, WebhookUrlError } from '@app/notifications';
import { CurrentActor } from '../actor/current-actor.decorator';
import { LiveHubService } from './live-hub.service';
import { CreateWebhookDto, DeadLettersQueryDto, ListNotificationsQueryDto, NotificationIdParamDto, ReadAllDto, UpdatePreferencesDto } from './notifications.dto';
import { Allow } from '../security/access.decorators';

/** Who may manage a partnership's webhooks and dead letters. */
const OPERATOR_ROLES = ['administrator', 'partnership-coordinator', 'operator'];

function requireOperator(actor: Actor): void {
  if (!actor.roles.some((r) => OPERATOR_ROLES.includes(r))) throw new DomainError(ErrorCode.Forbidden, 'managing webhooks needs an administrator or partnership coordinator');
}

/**
 * The user's notifications: the live stream (server-sent events, one per user, resumable with
 * Last-Event-ID), the list, the unread count for the page title, mark-read, and preferences; and
 * for operators, the partnership's webhooks and the dead letters they can replay.
 */
@ApiTags('notifications')
@Allow('any')
@Controller('notifications')
export class NotificationsController {
  constructor(
    @Inject(RUNTIME) private readonly rt: RuntimeServices,
    private readonly hub: LiveHubService,
    private readonly inbox: InboxRepository,
    private readonly preferences: PreferencesRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly replay: ReplayDeadLetterUseCase,
  ) {}

  @Get('stream')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: "The user's live notifications (SSE). `id:` is the position in the user's stream; reconnect with `Last-Event-ID` to receive what was missed. Each `data:` is `{ id, kind, taskId?, text, link, caseReference?, dueAt?, at }`." })
  async stream(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const header = req.header('last-event-id') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
    const lastEventId = header && /^\d{1,15}$/.test(header) ? Number(header) : null;
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    // The client may leave before the stream is registered: then it is closed as soon as it is.
    const state: { closed: boolean; conn?: { close(): void } } = { closed: false };
    req.on('close', () => {
      state.closed = true;
      state.conn?.close();
    });
    state.conn = await this.hub.open(actor.userId, lastEventId, { write: (chunk) => void res.write(chunk), end: () => res.end() });
    if (state.closed) state.conn.close();
    // Written once the stream is registered (and any replay sent): a client may take it as "live".
    else res.write('retry: 3000\n\n');
  }

  @Get()
  @ApiOperation({ summary: 'In-app notifications, newest first (`next` pages further back).' })
  list(@CurrentActor() actor: Actor, @Query() q: ListNotificationsQueryDto) {
    return this.inbox.list(this.rt.db.pool, actor.userId, { unreadOnly: q.unread ?? false, ...(q.cursor ? { before: Number(q.cursor) } : {}), limit: q.limit ?? 20 });
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many in-app notifications are unread (the page-title count).' })
  async unreadCount(@CurrentActor() actor: Actor) {
    return { count: await this.inbox.unreadCount(this.rt.db.pool, actor.userId) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every notification (or those up to a stream position) read.' })
  async readAll(@CurrentActor() actor: Actor, @Body() dto: ReadAllDto) {
    return { updated: await this.inbox.markAllRead(this.rt.db.pool, actor.userId, this.rt.clock.now(), dto.upTo) };
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one notification read.' })
  async read(@CurrentActor() actor: Actor, @Param() p: NotificationIdParamDto): Promise<void> {
    if (!(await this.inbox.markRead(this.rt.db.pool, actor.userId, Number(p.id), this.rt.clock.now()))) throw new DomainError(ErrorCode.NotFound, 'no such notification');
  }

  @Get('preferences')
  @ApiOperation({ summary: 'Channels per kind: in-app on or off, e-mail off, immediate or in the daily digest.' })
  async getPreferences(@CurrentActor() actor: Actor) {
    return { items: await this.preferences.get(this.rt.db.pool, actor.userId) };
  }

  @Put('preferences')
  @ApiOperation({ summary: 'Change channels for some kinds; the others keep theirs.' })
  async putPreferences(@CurrentActor() actor: Actor, @Body() dto: UpdatePreferencesDto) {
    await this.preferences.set(this.rt.db.pool, actor.userId, dto.preferences, this.rt.clock.now());
    return { items: await this.preferences.get(this.rt.db.pool, actor.userId) };
  }

  @Get('webhooks')
  @ApiOperation({ summary: "The partnership's webhooks (secrets are not shown again)." })
  listWebhooks(@CurrentActor() actor: Actor) {
    requireOperator(actor);
    return this.webhooks.list(this.rt.db.pool, actor.partnershipId);
  }

  @Post('webhooks')
  @ApiOperation({ summary: 'Add a webhook; the answer holds its signing secret, shown this once.' })
  async createWebhook(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto) {
    requireOperator(actor);
    try {
      return await this.webhooks.create(this.rt.db.pool, { partnershipId: actor.partnershipId, agency: dto.agency ?? null, url: dto.url, kinds: dto.kinds ?? [], createdBy: actor.userId, now: this.rt.clock.now() });
    } catch (err) {
      if (err instanceof WebhookUrlError) throw new DomainError(ErrorCode.InvalidInput, err.message);
      throw err;
    }
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a webhook (pending deliveries to it are skipped).' })
  async deleteWebhook(@CurrentActor() actor: Actor, @Param() p: NotificationIdParamDto): Promise<void> {
    requireOperator(actor);
    if (!(await this.webhooks.deactivate(this.rt.db.pool, actor.partnershipId, Number(p.id)))) throw new DomainError(ErrorCode.NotFound, 'no such webhook');
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Deliveries that failed every try (webhooks, e-mail), newest first.' })
  deadLetters(@CurrentActor() actor: Actor, @Query() q: DeadLettersQueryDto) {
    requireOperator(actor);
    return this.webhooks.deadLetters(this.rt.db.pool, actor.partnershipId, q.open ?? true, 200);
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Try a dead-lettered delivery again, with a fresh budget of tries.' })
  async replayDeadLetter(@CurrentActor() actor: Actor, @Param() p: NotificationIdParamDto) {
    requireOperator(actor);
    const outcome = await this.replay.execute({ partnershipId: actor.partnershipId, deadLetterId: Number(p.id), by: actor.userId });
    if (outcome === 'not-found') throw new DomainError(ErrorCode.NotFound, 'no such dead letter');
    if (outcome === 'already-replayed') throw new DomainError(ErrorCode.Conflict, 'this dead letter was already replayed');
    return { outcome };
  }
}
