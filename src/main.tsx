import "@xyflow/react/dist/style.css";
import "./ui/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createRepository, decodeShareLink, hasShareLink } from "./persistence/index.ts";
import { createAppStore, toFailure } from "./store/index.ts";
import { App } from "./ui/app.tsx";
import { StoreProvider } from "./ui/store-context.tsx";

async function start() {
  const repository = await createRepository();
  const store = createAppStore(repository);
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
  await store.getState().init();
  // A share link opens as a new workspace; the fragment is then removed so a reload does not import it twice.
  if (hasShareLink(location.hash)) {
    const fragment = location.hash;
    history.replaceState(null, "", location.pathname + location.search);
    try {
      await store.getState().importWorkspace(decodeShareLink(fragment), "Opened the workspace from the share link as a new workspace.");
    } catch (e) {
      store.getState().setFailure(toFailure(e));
    }
  }
}

void start();
