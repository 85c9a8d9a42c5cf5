import { useId, useState, type FormEvent } from "react";
import { OPERATION_NAMES, type OperationName } from "../../ops/index.ts";
import { selectConsoleOp, selectDrafts, selectNow, selectOutcomes } from "../../store/index.ts";
import { OutcomeView } from "../outcome-view.tsx";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { buildFormModel, formToArgs, operationTitle, type FieldModel, type FormModel } from "./form-model.ts";

function Field({ op, field, value, error, onChange }: { op: OperationName; field: FieldModel; value: string; error?: string; onChange: (text: string) => void }) {
  const id = `console-${op}-${field.name}`;
  const errorId = `${id}-error`;
  const listId = field.examples.length ? `${id}-examples` : undefined;
  const common = {
    id,
    name: field.name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId : undefined,
    "aria-required": field.required || undefined,
  };
  let control;
  if (field.kind === "boolean") {
    control = <input {...common} type="checkbox" checked={value === "true"} onChange={(e) => onChange(e.target.checked ? "true" : "")} />;
  } else if (field.kind === "json") {
    control = <textarea {...common} rows={Math.min(8, Math.max(2, value.split("\n").length))} spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} />;
  } else {
    control = (
      <input
        {...common}
        type="text"
        inputMode={field.kind === "integer" ? "numeric" : undefined}
        list={listId}
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={`field field-${field.kind}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required ? <span aria-hidden="true"> *</span> : null}
        {field.kind === "list" ? <span className="field-hint"> (space separated)</span> : null}
      </label>
      {control}
      {listId && (
        <datalist id={listId}>
          {field.examples.map((x) => (
            <option key={x} value={x} />
          ))}
        </datalist>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function OperationForm({ model }: { model: FormModel }) {
  const store = useStoreApi();
  const drafts = useAppStore(selectDrafts)[model.op];
  const outcome = useAppStore(selectOutcomes)[`console:${model.op}`];
  const [errors, setErrors] = useState<Record<string, string>>({});
  const outcomeId = useId();

  const texts: Record<string, string> = {};
  for (const f of model.fields) texts[f.name] = drafts?.[f.name] ?? f.defaultText;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { args, errors: found } = formToArgs(model, texts);
    setErrors(Object.fromEntries(found.map((x) => [x.field, x.message])));
    if (found.length) return;
    void store.getState().applyOperation({ op: model.op, args }, `console:${model.op}`);
  };

  return (
    <form className="op-form" aria-label={`${model.title} (${model.op})`} aria-describedby={outcomeId} onSubmit={submit} noValidate>
      {model.fields.map((f) => (
        <Field key={f.name} op={model.op} field={f} value={texts[f.name]} error={errors[f.name]} onChange={(text) => store.getState().setDraft(model.op, f.name, text)} />
      ))}
      <div className="op-form-buttons">
        <button type="submit" className="primary">
          {model.title}
        </button>
        <button type="button" className="link" onClick={() => store.getState().resetDrafts(model.op)}>
          Reset fields
        </button>
      </div>
      <OutcomeView id={outcomeId} outcome={outcome} />
    </form>
  );
}

/** One form per operation, generated from the operation schemas; one shown at a time. */
export function ApiConsole() {
  const store = useStoreApi();
  const op = useAppStore(selectConsoleOp);
  const now = useAppStore(selectNow) ?? 0;
  const selectId = useId();
  return (
    <aside className="console" aria-labelledby="console-heading">
      <h2 id="console-heading">API console</h2>
      <div className="console-picker">
        <label htmlFor={selectId}>Operation</label>
        <select id={selectId} value={op} onChange={(e) => store.getState().setConsoleOp(e.target.value as OperationName)}>
          {OPERATION_NAMES.map((name) => (
            <option key={name} value={name}>
              {operationTitle(name)} ({name})
            </option>
          ))}
        </select>
      </div>
      <OperationForm key={op} model={buildFormModel(op, now)} />
    </aside>
  );
}
