import type { FinishedJobRun, JobRunRecord, JobRunRepository, JobRunResult } from '@aquastream/application';
import { DataTypes, QueryTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { Database } from '../sql/database.js';

type JobRunRow = {
  name: string;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastDurationMs: number | null;
  lastResult: string | null;
  lastItems: number | null;
  lastError: string | null;
  lastCorrelationId: string | null;
  lastRunner: string | null;
};

type JobRunModel = ModelStatic<Model<JobRunRow, JobRunRow>>;

function jobRunModel(sequelize: Sequelize): JobRunModel {
  return (
    sequelize.models['JobRun'] ??
    sequelize.define<Model<JobRunRow, JobRunRow>>(
      'JobRun',
      {
        name: { type: DataTypes.STRING(64), primaryKey: true },
        lastStartedAt: { type: DataTypes.DATE, allowNull: true },
        lastFinishedAt: { type: DataTypes.DATE, allowNull: true },
        lastDurationMs: { type: DataTypes.INTEGER, allowNull: true },
        lastResult: { type: DataTypes.STRING(16), allowNull: true },
        lastItems: { type: DataTypes.INTEGER, allowNull: true },
        lastError: { type: DataTypes.TEXT, allowNull: true },
        lastCorrelationId: { type: DataTypes.STRING(255), allowNull: true },
        lastRunner: { type: DataTypes.STRING(255), allowNull: true },
      },
      { tableName: 'job_runs', underscored: true, timestamps: false },
    )
  );
}

const RESULTS: readonly JobRunResult[] = ['SUCCEEDED', 'PARTIAL', 'FAILED'];
const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

function toRecord(r: JobRunRow): JobRunRecord {
  return {
    name: r.name,
    lastStartedAt: ms(r.lastStartedAt),
    lastFinishedAt: ms(r.lastFinishedAt),
    lastDurationMs: r.lastDurationMs,
    lastResult: RESULTS.find((x) => x === r.lastResult) ?? null,
    lastItems: r.lastItems,
    lastError: r.lastError,
    lastCorrelationId: r.lastCorrelationId,
    lastRunner: r.lastRunner,
  };
}

/** An INTEGER column holds at most this; a run longer than 24 days or with more items is recorded at the cap. */
const INT_MAX = 2_147_483_647;

// One statement each, the same on both dialects: the row is created by a job's first run.
const STARTED = `INSERT INTO job_runs (name, last_started_at) VALUES (:name, :at)
  ON CONFLICT (name) DO UPDATE SET last_started_at = excluded.last_started_at`;
const FINISHED = `INSERT INTO job_runs (name, last_started_at, last_finished_at, last_duration_ms, last_result, last_items, last_error,
    last_correlation_id, last_runner)
  VALUES (:name, :startedAt, :finishedAt, :durationMs, :result, :items, :error, :correlationId, :runner)
  ON CONFLICT (name) DO UPDATE SET
    last_started_at = CASE WHEN job_runs.last_started_at IS NULL OR job_runs.last_started_at < excluded.last_started_at
      THEN excluded.last_started_at ELSE job_runs.last_started_at END,
    last_finished_at = excluded.last_finished_at, last_duration_ms = excluded.last_duration_ms,
    last_result = excluded.last_result, last_items = excluded.last_items, last_error = excluded.last_error,
    last_correlation_id = excluded.last_correlation_id, last_runner = excluded.last_runner`;

/**
 * `job_runs` (migrations 0006, 0007) on SQLite and PostgreSQL. A finish moves `last_started_at` forward only: a later
 * run of another replica may have started meanwhile, and its start is what the other runners wait on.
 */
export class SqlJobRunRepository implements JobRunRepository {
  private readonly model: JobRunModel;
  constructor(private readonly db: Database) {
    this.model = jobRunModel(db.sequelize);
  }

  async started(name: string, at: number): Promise<void> {
    await this.db.sequelize.query(STARTED, { type: QueryTypes.INSERT, replacements: { name, at: new Date(at) } });
  }

  async finished(run: FinishedJobRun): Promise<void> {
    await this.db.sequelize.query(FINISHED, {
      type: QueryTypes.INSERT,
      replacements: {
        name: run.name,
        startedAt: new Date(run.startedAt),
        finishedAt: new Date(run.finishedAt),
        durationMs: Math.min(Math.round(run.durationMs), INT_MAX),
        result: run.result,
        items: Math.min(run.items, INT_MAX),
        error: run.error,
        correlationId: run.correlationId,
        runner: run.runner,
      },
    });
  }

  async find(name: string): Promise<JobRunRecord | null> {
    const row = await this.model.findByPk(name);
    return row === null ? null : toRecord(row.get({ plain: true }));
  }

  async list(): Promise<readonly JobRunRecord[]> {
    const rows = await this.model.findAll({ order: [['name', 'ASC']] });
    return rows.map((r) => toRecord(r.get({ plain: true })));
  }
}
