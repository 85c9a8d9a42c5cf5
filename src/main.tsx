import "@xyflow/react/dist/style.css";
import "./ui/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createRepository } from "./persistence/index.ts";
import { createAppStore, nextTask, whenIdle } from "./store/index.ts";
import { App } from "./ui/app.tsx";
import { StoreProvider } from "./ui/store-context.tsx";

async function start() {
  // The snapshot due every 100 entries waits for idle time (within 2 s), not the operation that made
  // it due, and writes its JSON in slices with a task between them, so input is never held for long.
  const repository = await createRepository({ scheduleSnapshot: (task) => whenIdle(task, 2000), pause: nextTask });
  const store = createAppStore(repository);
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
  // A share link (#state=…) is offered by the header's ShareLinkPrompt once the store is ready.
  await store.getState().init();
}

void start();
