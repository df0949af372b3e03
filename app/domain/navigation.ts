import { hasRole, type SessionUser } from "./policy";

export type NavItem = { to: string; label: string };

/** Navigation by role: everyone sees the public pages; each area appears only to those who may enter it. */
export function navigationFor(user: SessionUser | null): NavItem[] {
  const items: NavItem[] = [
    { to: "/providers", label: "Find a provider" },
    { to: "/verify", label: "Verify a certificate" },
    { to: "/competencies", label: "Competencies" },
  ];
  if (!user) return items;
  items.push({ to: "/provider", label: "My organisation" });
  if (hasRole(user, "reviewer")) items.push({ to: "/review", label: "Reviews" });
  if (hasRole(user, "board")) items.push({ to: "/board", label: "Board" });
  if (hasRole(user, "staff")) items.push({ to: "/admin", label: "Admin" });
  return items;
}
