import { createContext } from "react";

/** Folds or unfolds a sibling group by its key; provided by the graph canvas to its nodes. */
export const GroupToggleContext = createContext<(key: string) => void>(() => undefined);
