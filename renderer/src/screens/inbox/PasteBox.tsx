import { useState } from 'react';
import { ChannelSchema } from '../../../../src/contract/text.js';
import { useAction } from '../../api.js';
import { InlineError } from '../../components/ui.js';
import { humanize } from '../../format.js';
import { navigate } from '../../router.js';

/** Paste an email, chat, call notes or form and qualify it; opens the lead when done. */
export function PasteBox() {
  const [text, setText] = useState('');
  const [channel, setChannel] = useState('');
  const qualify = useAction('leads.qualify', ['leads', 'metrics', 'app']);
  const submit = () =>
    qualify.mutate(
      { text, ...(channel ? { channel: ChannelSchema.parse(channel) } : {}) },
      {
        onSuccess: (r) => {
          setText('');
          navigate({ screen: 'lead', id: r.lead.id });
        },
      },
    );
  return (
    <form
      className="stack"
      style={{ gap: 8 }}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="field">
        Paste a lead
        <textarea
          rows={7}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Paste an email, chat transcript, call notes, web form or LinkedIn message…"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && text.trim()) submit();
          }}
        />
      </label>
      <div className="row">
        <label className="field" style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">Detect automatically</option>
            {ChannelSchema.options
              .filter((c) => c !== 'table' && c !== 'crm')
              .map((c) => (
                <option key={c} value={c}>
                  {humanize(c)}
                </option>
              ))}
          </select>
        </label>
        <span className="spacer" />
        <span className="muted" style={{ fontSize: 12 }}>
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </span>
        <button type="submit" className="btn btn-primary" disabled={!text.trim() || qualify.isPending}>
          {qualify.isPending ? 'Qualifying…' : 'Qualify'}
        </button>
      </div>
      <InlineError error={qualify.error} />
    </form>
  );
}
