import { useEffect, useState } from "react";

export type ThemeChoice = "system" | "light" | "dark";
const STORAGE_KEY = "theme";

/**
 * Runs in <head> before the first paint, so a chosen theme never flashes the other one. Without JavaScript
 * nothing runs, and the stylesheet follows the system (prefers-color-scheme); the switch below stays hidden.
 */
export const THEME_BOOT_SCRIPT = `(function(){var d=document.documentElement;d.classList.add("js");try{var t=localStorage.getItem("${STORAGE_KEY}");if(t==="light"||t==="dark")d.setAttribute("data-theme",t)}catch(e){}})();`;

function readChoice(): ThemeChoice {
  try {
    const t = window.localStorage.getItem(STORAGE_KEY);
    return t === "light" || t === "dark" ? t : "system";
  } catch {
    return "system";
  }
}

/** Light, dark or the system's choice, remembered in this browser. */
export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>("system");
  useEffect(() => setChoice(readChoice()), []);
  const choose = (next: ThemeChoice) => {
    setChoice(next);
    const root = document.documentElement;
    try {
      if (next === "system") window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice holds for this page only.
    }
    if (next === "system") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", next);
  };
  return (
    <div className="theme-switch">
      <label htmlFor="theme-choice">Theme</label>
      <select
        id="theme-choice"
        value={choice}
        onChange={(e) => choose(e.currentTarget.value === "light" ? "light" : e.currentTarget.value === "dark" ? "dark" : "system")}
      >
        <option value="system">Same as the system</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  );
}
