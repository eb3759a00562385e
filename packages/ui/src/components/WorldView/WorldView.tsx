// The machine as it was at the trace cursor: the process tree, the files with their owners, modes
// and labels, what the step changed, and the selected object's security blobs as memory maps. The
// snapshots and the diff come from the engine and core; nothing is derived here but the layout.
import { memo, useId, useMemo, useState } from 'react';
import type { FileView, TaskView, WorldDiff, WorldSnapshot } from '@lsm-playground/core';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import { selectWorldAtCursor, worldStepCaption } from '../../store/selectors';
import { BlobMap } from './BlobMap';
import './WorldView.css';

/** Tasks in tree order (each after its parent, children by pid) with their depth. */
function processTree(tasks: readonly TaskView[]): { task: TaskView; depth: number }[] {
  const pids = new Set(tasks.map((t) => t.pid));
  const children = new Map<number, TaskView[]>();
  for (const t of tasks) {
    const parent = pids.has(t.ppid) && t.ppid !== t.pid ? t.ppid : -1;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: { task: TaskView; depth: number }[] = [];
  const walk = (parent: number, depth: number) => {
    for (const t of children.get(parent) ?? []) {
      out.push({ task: t, depth });
      walk(t.pid, depth + 1);
    }
  };
  walk(-1, 0);
  return out;
}

/** The file's security.* xattrs as "selinux=…" labels. */
function labels(f: FileView): string {
  return Object.entries(f.xattrs)
    .filter(([k]) => k.startsWith('security.'))
    .map(([k, v]) => `${k.slice('security.'.length)}=${v}`)
    .join(' ');
}

function fileChange(diff: WorldDiff | null, path: string): string | null {
  if (!diff) return null;
  if (diff.filesCreated.includes(path)) return 'created';
  const fields = diff.filesChanged.get(path);
  return fields ? `changed: ${fields.join(', ')}` : null;
}

function taskChange(diff: WorldDiff | null, pid: number): string | null {
  if (!diff) return null;
  if (diff.tasksCreated.includes(pid)) return 'new';
  const fields = diff.tasksChanged.get(pid);
  return fields ? `changed: ${fields.join(', ')}` : null;
}

// Memoised: while the replay plays, the cursor moves every tick but the snapshot only at a syscall's
// boundaries, so only the caption re-renders in between.
const Processes = memo(function Processes({
  world,
  diff,
  selectedPid,
  onSelect,
}: {
  world: WorldSnapshot;
  diff: WorldDiff | null;
  selectedPid: number | null;
  onSelect: (pid: number) => void;
}) {
  const rows = useMemo(() => processTree(world.tasks), [world.tasks]);
  return (
    <ul className="world__tree" aria-label="Process tree">
      {rows.map(({ task: t, depth }) => {
        const change = taskChange(diff, t.pid);
        return (
          <li
            key={t.pid}
            className={`world__proc${change ? ' world__changed' : ''}`}
            style={{ paddingLeft: `${depth * 1.25}rem` }}
          >
            <button
              type="button"
              className="world__select"
              aria-pressed={t.pid === selectedPid}
              aria-label={`Task ${t.comm}[${t.pid}]`}
              onClick={() => onSelect(t.pid)}
            >
              {t.comm}[{t.pid}]
            </button>{' '}
            <span className="world__meta">
              uid {t.uid}/{t.euid} · {t.exe}
              {t.state !== 'running' ? ` · ${t.state}` : ''}
            </span>
            {change && <span className="world__badge">{change}</span>}
          </li>
        );
      })}
    </ul>
  );
});

const Files = memo(function Files({
  world,
  diff,
  selectedPath,
  onSelect,
}: {
  world: WorldSnapshot;
  diff: WorldDiff | null;
  selectedPath: string | null;
  onSelect: (path: string) => void;
}) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => world.files.filter((f) => f.path.includes(filter)), [world.files, filter]);
  return (
    <div className="world__files">
      <label className="world__filter" htmlFor={`${id}-filter`}>
        Filter files{' '}
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          placeholder="/tmp"
          onChange={(e) => setFilter(e.target.value)}
        />
      </label>
      <div className="world__files-frame">
        <table className="world__table" aria-label="Files">
          <thead>
            <tr>
              <th scope="col">path</th>
              <th scope="col">mode</th>
              <th scope="col">owner</th>
              <th scope="col">labels</th>
              <th scope="col">this step</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((f) => {
              const change = fileChange(diff, f.path);
              return (
                <tr key={f.path} className={change ? 'world__changed' : undefined} data-path={f.path}>
                  <td>
                    <button
                      type="button"
                      className="world__select"
                      aria-pressed={f.path === selectedPath}
                      aria-label={`File ${f.path}`}
                      onClick={() => onSelect(f.path)}
                    >
                      {f.path}
                    </button>
                    {f.target !== null && <span className="world__target"> → {f.target}</span>}
                  </td>
                  <td>
                    <code>{f.mode}</code>
                  </td>
                  <td title={`uid ${f.uid}, gid ${f.gid}`}>{f.owner}</td>
                  <td className="world__labels">{labels(f)}</td>
                  <td>{change && <span className="world__badge">{change}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {diff && diff.filesRemoved.length > 0 && (
        <p className="world__meta">removed at this step: {diff.filesRemoved.join(', ')}</p>
      )}
    </div>
  );
});

const TaskBlobs = memo(function TaskBlobs({ task }: { task: TaskView }) {
  const name = `${task.comm}[${task.pid}]`;
  return (
    <div className="world__blobs" aria-label={`Blobs of ${name}`}>
      <BlobMap title={`cred of ${name}`} blob={task.credBlob} />
      <BlobMap title={`task ${name}`} blob={task.taskBlob} />
      {task.fds.map((fd) => (
        <BlobMap key={fd.fd} title={`file fd ${fd.fd} of ${name} (${fd.path})`} blob={fd.blob} />
      ))}
    </div>
  );
});

const FileBlobs = memo(function FileBlobs({ world, file }: { world: WorldSnapshot; file: FileView }) {
  // The struct file of every open fd on this path: a file blob exists per open, not per inode.
  const opens = world.tasks.flatMap((t) =>
    t.fds.filter((fd) => fd.path === file.path).map((fd) => ({ fd, name: `${t.comm}[${t.pid}]` })),
  );
  return (
    <div className="world__blobs" aria-label={`Blobs of ${file.path}`}>
      <BlobMap title={`inode ${file.ino} (${file.path})`} blob={file.blob} />
      {opens.map(({ fd, name }) => (
        <BlobMap key={`${name}/${fd.fd}`} title={`file fd ${fd.fd} of ${name}`} blob={fd.blob} />
      ))}
    </div>
  );
});

export function WorldView() {
  const id = useId();
  const store = usePlaygroundStore();
  const at = usePlayground(selectWorldAtCursor);
  const selectedPid = usePlayground((s) => s.selectedPid);
  const selectedPath = usePlayground((s) => s.selectedPath);
  const world = at?.world ?? null;
  const diff = at?.diff ?? null;
  const task = world && selectedPid !== null ? (world.tasks.find((t) => t.pid === selectedPid) ?? null) : null;
  const file = world && selectedPath !== null ? (world.files.find((f) => f.path === selectedPath) ?? null) : null;
  const s = store.getState();
  return (
    <section className="panel world" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          World
        </h2>
        <p className="panel__meta" data-testid="world-step">
          {at ? worldStepCaption(at) : 'run a command to see the machine’s tasks, files and blobs'}
        </p>
      </div>
      {world && (
        <div className="world__grid">
          <div className="world__lists">
            <h3 className="world__subtitle">Processes</h3>
            <Processes world={world} diff={diff} selectedPid={selectedPid} onSelect={s.selectTask} />
            <h3 className="world__subtitle">Files</h3>
            <Files world={world} diff={diff} selectedPath={selectedPath} onSelect={s.selectFile} />
          </div>
          <div className="world__selection">
            <h3 className="world__subtitle">Blobs</h3>
            {task && <TaskBlobs task={task} />}
            {file && <FileBlobs world={world} file={file} />}
            {!task && !file && (
              <p className="world__meta">
                {selectedPid !== null || selectedPath !== null
                  ? 'the selected object does not exist at this step'
                  : 'select a task or a file to see its blobs'}
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
