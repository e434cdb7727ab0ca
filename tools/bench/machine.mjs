// The machine line of the bench table: CPU model and count, RAM, node, the database server, load average at start.
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export function machineLine({ dialect, pgVersion }) {
  const list = cpus();
  const model = list[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const gb = (b) => (b / 1024 ** 3).toFixed(1);
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const db = dialect === 'postgres' ? `PostgreSQL ${pgVersion ?? '?'}` : 'SQLite (embedded, temp file)';
  return `Machine: ${list.length} × ${model}, ${gb(totalmem())} GB RAM (${gb(freemem())} GB free at start), node ${process.version}, ${db}, load average at start ${load}`;
}
