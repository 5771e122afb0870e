import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (libs/notifications): per-user preferences; the in-app items with a per-user,
 * gap-free sequence (the live stream's event id, so a reconnect replays exactly what it missed);
 * deliveries by channel with every try, keyed by notification + channel + recipient (a repeated
 * job sends once); webhooks with their secrets; dead letters an operator can replay; and one
 * digest per user and local day.
 */
export class Notifications1795346174481 implements MigrationInterface {
  name = 'Notifications1795346174481';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('task-created', 'task-reminder', 'task-escalated')),
        in_app boolean NOT NULL,
        email text NOT NULL CHECK (email IN ('off', 'immediate', 'digest')),
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, kind)
      )`);

    await q.query(`CREATE TABLE notification_cursors (user_id text PRIMARY KEY, last_seq bigint NOT NULL)`);

    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        source_key text NOT NULL,
        user_id text NOT NULL,
        partnership_id text NOT NULL,
        kind text NOT NULL,
        in_app boolean NOT NULL,
        seq bigint,
        task_id bigint,
        instance_id bigint,
        case_reference text,
        text text NOT NULL,
        link text NOT NULL,
        due_at timestamptz,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        CONSTRAINT notifications_source_user UNIQUE (source_key, user_id),
        CONSTRAINT notifications_user_seq UNIQUE (user_id, seq)
      )`);
    await q.query(`CREATE INDEX notifications_user_unread ON notifications (user_id, seq) WHERE in_app AND read_at IS NULL`);

    await q.query(`
      CREATE TABLE webhooks (
        id bigserial PRIMARY KEY,
        partnership_id text NOT NULL,
        agency text,
        url text NOT NULL,
        secret text NOT NULL,
        kinds text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX webhooks_partnership ON webhooks (partnership_id) WHERE active`);

    await q.query(`
      CREATE TABLE notification_deliveries (
        id bigserial PRIMARY KEY,
        source_key text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook', 'digest')),
        recipient text NOT NULL,
        partnership_id text NOT NULL,
        notification_id bigint REFERENCES notifications (id) ON DELETE CASCADE,
        webhook_id bigint REFERENCES webhooks (id) ON DELETE CASCADE,
        body jsonb,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'dead', 'suppressed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL,
        last_error text,
        digest_day date,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        CONSTRAINT notification_deliveries_key UNIQUE (source_key, channel, recipient)
      )`);
    await q.query(`CREATE INDEX notification_deliveries_digest ON notification_deliveries (recipient, created_at) WHERE channel = 'digest' AND status = 'pending'`);

    await q.query(`
      CREATE TABLE notification_attempts (
        delivery_id bigint NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        at timestamptz NOT NULL,
        ok boolean NOT NULL,
        status_code integer,
        error text,
        PRIMARY KEY (delivery_id, attempt)
      )`);

    await q.query(`
      CREATE TABLE notification_dead_letters (
        id bigserial PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        channel text NOT NULL,
        attempts integer NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL,
        replayed_at timestamptz,
        replayed_by text,
        CONSTRAINT notification_dead_letters_try UNIQUE (delivery_id, attempts)
      )`);
    await q.query(`CREATE INDEX notification_dead_letters_open ON notification_dead_letters (partnership_id, id) WHERE replayed_at IS NULL`);

    await q.query(`
      CREATE TABLE notification_digests (
        user_id text NOT NULL,
        day date NOT NULL,
        partnership_id text NOT NULL,
        items integer NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notification_digests', 'notification_dead_letters', 'notification_attempts', 'notification_deliveries', 'webhooks', 'notifications', 'notification_cursors', 'notification_preferences']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
