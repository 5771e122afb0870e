import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coordinator's note on a deployed version (what changed and why), written by the modeller's
 * deploy. One per version; a version deployed without the modeller has none.
 */
export class DefinitionNotes1795400000000 implements MigrationInterface {
  name = 'DefinitionNotes1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE definition_notes (
        definition_id bigint PRIMARY KEY REFERENCES definitions (id) ON DELETE CASCADE,
        note text NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
        written_by text NOT NULL,
        written_at timestamptz NOT NULL
      )`);
    // Heat-map and dashboard statistics read the history by transition and time.
    await q.query(`CREATE INDEX history_transition_at ON history (transition, at)`);
    await q.query(`CREATE INDEX user_tasks_partnership_due ON user_tasks (partnership_id, due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS user_tasks_partnership_due`);
    await q.query(`DROP INDEX IF EXISTS history_transition_at`);
    await q.query(`DROP TABLE IF EXISTS definition_notes`);
  }
}
