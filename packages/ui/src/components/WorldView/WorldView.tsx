// The machine after the last shell line: the process tree, and the selected task's security
// blobs laid out as a memory map (each LSM's slice at its offset, with what it holds). Data from
// the engine's world snapshot; nothing is derived here but the layout of the page.
import { useId, useMemo } from 'react';
import type { BlobView, TaskView } from '@lsm-playground/core';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import './WorldView.css';

function showValue(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

function BlobMap({ title, blob }: { title: string; blob: BlobView | null }) {
  if (!blob) return <p className="world__blob-none">{title}: no blob (no LSM asked for one)</p>;
  return (
    <figure className="world__blob" aria-label={`${title} blob`}>
      <figcaption>
        {title} <span className="world__meta">{blob.size} bytes</span>
      </figcaption>
      {blob.slices.length === 0 ? (
        <p className="world__meta">every slice is still zero: no LSM has written this blob</p>
      ) : (
        <table className="world__slices">
          <thead>
            <tr>
              <th scope="col">offset</th>
              <th scope="col">LSM</th>
              <th scope="col">contents</th>
            </tr>
          </thead>
          <tbody>
            {blob.slices.map((s) => (
              <tr key={s.offset}>
                <td>+{s.offset}</td>
                <td>{s.lsm}</td>
                <td>
                  <code>{showValue(s.value)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}

function TaskRow({ t, selected, onSelect }: { t: TaskView; selected: boolean; onSelect: () => void }) {
  return (
    <tr className={selected ? 'world__row--selected' : undefined}>
      <td>
        <button type="button" className="world__task" aria-pressed={selected} onClick={onSelect}>
          {t.pid}
        </button>
      </td>
      <td>{t.ppid}</td>
      <td>{t.comm}</td>
      <td>
        {t.uid}/{t.euid}
      </td>
      <td>{t.state}</td>
      <td className="world__meta">{t.capEffective.length} caps</td>
    </tr>
  );
}

export function WorldView() {
  const id = useId();
  const store = usePlaygroundStore();
  const world = usePlayground((s) => s.world);
  const selectedPid = usePlayground((s) => s.selectedPid);
  const task = useMemo(() => world?.tasks.find((t) => t.pid === selectedPid) ?? null, [world, selectedPid]);
  return (
    <section className="panel world" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Tasks and blobs
        </h2>
        <p className="panel__meta">
          {world ? 'the machine after the last command' : 'run a command to see the machine’s tasks and blobs'}
        </p>
      </div>
      {world && (
        <div className="world__grid">
          <table className="world__tasks" aria-label="Tasks">
            <thead>
              <tr>
                <th scope="col">pid</th>
                <th scope="col">ppid</th>
                <th scope="col">comm</th>
                <th scope="col">uid/euid</th>
                <th scope="col">state</th>
                <th scope="col">caps</th>
              </tr>
            </thead>
            <tbody>
              {world.tasks.map((t) => (
                <TaskRow
                  key={t.pid}
                  t={t}
                  selected={t.pid === selectedPid}
                  onSelect={() => store.getState().selectTask(t.pid)}
                />
              ))}
            </tbody>
          </table>
          {task && (
            <div className="world__blobs" aria-label={`Blobs of ${task.comm}[${task.pid}]`}>
              <BlobMap title={`cred of ${task.comm}[${task.pid}]`} blob={task.credBlob} />
              <BlobMap title={`task ${task.comm}[${task.pid}]`} blob={task.taskBlob} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
