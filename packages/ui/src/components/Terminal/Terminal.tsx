// The shell: each line runs in the engine worker as the current task; the transcript shows what
// the commands printed, the errno that decided each line and any fault of user code.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { usePlayground, usePlaygroundStore } from '../../store/PlaygroundProvider';
import { promptText } from '../../store/engineSlice';
import { FaultReport } from '../FaultReport/FaultReport';
import './Terminal.css';

const EXAMPLES = ['echo hacked >> /etc/shadow', 'cat /sys/kernel/security/lsm', 'su alice', 'dmesg'];

export function Terminal() {
  const id = useId();
  const store = usePlaygroundStore();
  const terminal = usePlayground((s) => s.terminal);
  const prompt = usePlayground((s) => s.prompt);
  const busy = usePlayground((s) => s.busy);
  const status = usePlayground((s) => s.engineStatus);
  const readOnly = usePlayground((s) => s.readOnly);
  const [line, setLine] = useState('');
  const [history, setHistory] = useState<string[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const out = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const el = out.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [terminal.length]);

  const run = (text: string) => {
    const cmd = text.trim();
    if (!cmd || readOnly) return;
    setHistory((h) => [...h.filter((x) => x !== cmd), cmd].slice(-100));
    setCursor(null);
    setLine('');
    if (cmd === 'clear') store.getState().clearTerminal();
    else void store.getState().runShellLine(cmd);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Ctrl+Enter is the page's Run (build the modules), not this line.
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      run(line);
    } else if (e.key === 'ArrowUp' && history.length > 0) {
      e.preventDefault();
      const i = cursor === null ? history.length - 1 : Math.max(0, cursor - 1);
      setCursor(i);
      setLine(history[i]!);
    } else if (e.key === 'ArrowDown' && cursor !== null) {
      e.preventDefault();
      const i = cursor + 1;
      if (i >= history.length) {
        setCursor(null);
        setLine('');
      } else {
        setCursor(i);
        setLine(history[i]!);
      }
    }
  };

  return (
    <section className="panel term" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 className="panel__title" id={`${id}-title`}>
          Shell
        </h2>
        <p className="panel__meta">
          {status === 'ready'
            ? 'commands run as syscalls through DAC and the LSM stack, your modules included'
            : status === 'loading'
              ? 'booting the kernel with your modules…'
              : 'the first command boots the kernel with your modules'}
        </p>
      </div>
      <pre className="terminal term__out" ref={out} tabIndex={0} aria-label="Shell transcript" aria-live="polite">
        {terminal.length === 0 && (
          <span className="term__hint">
            Try: {EXAMPLES.join(' · ')}
            {'\n'}
          </span>
        )}
        {terminal.map((e) => (
          <span key={e.id} className="term__entry" data-status={e.status}>
            <span className="term__prompt">{e.prompt} </span>
            <span className="term__cmd">{e.line}</span>
            {e.errno && <span className="term__errno"> {e.errno}</span>}
            {'\n'}
            {e.output}
            {e.fault && <FaultReport fault={e.fault} />}
          </span>
        ))}
      </pre>
      <div className="term__input">
        <label htmlFor={`${id}-cmd`} className="term__prompt">
          {promptText(prompt)}
        </label>
        <input
          id={`${id}-cmd`}
          className="term__field"
          data-focus-target="shell"
          aria-label="Shell command"
          autoComplete="off"
          spellCheck={false}
          value={line}
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={onKey}
          disabled={readOnly}
          placeholder={
            readOnly ? 'read-only: this view takes no commands' : busy ? 'running…' : 'type a command, Enter to run'
          }
        />
      </div>
    </section>
  );
}
