import { selectBusy, selectFailure, selectNotice, selectStorage } from "../store/index.ts";
import { PythonDumpPanel } from "./python-dump/python-dump-panel.tsx";
import { useAppStore, useStoreApi } from "./store-context.tsx";

/** Storage, failure and notice banners. */
export function Banners() {
  const store = useStoreApi();
  const storage = useAppStore(selectStorage);
  const failure = useAppStore(selectFailure);
  const notice = useAppStore(selectNotice);
  const busy = useAppStore(selectBusy);
  return (
    <div className="banners">
      {busy && (
        <p className="banner banner-info banner-busy" role="status">
          {busy}
        </p>
      )}
      {storage.backend === "memory" && (
        <p className="banner banner-warning" role="status">
          <span aria-hidden="true">⚠ </span>
          Storage is memory-only: nothing is saved in this browser. {storage.reason} Export the workspace to keep your work.
        </p>
      )}
      {failure && (
        <div className="banner banner-error" role="alert">
          <p>
            <span aria-hidden="true">✕ </span>
            <code>{failure.code}</code>: {failure.message}
          </p>
          {failure.problems && failure.problems.length > 0 && (
            <ul>
              {failure.problems.slice(0, 20).map((p, i) => (
                <li key={i}>
                  <code>{p.path || "(root)"}</code> {p.message}
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => store.getState().dismissFailure()}>
            Dismiss
          </button>
        </div>
      )}
      {notice && (
        <div className="banner banner-info" role="status">
          <p>{notice}</p>
          <button type="button" onClick={() => store.getState().setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <PythonDumpPanel />
    </div>
  );
}
