import { NavLink } from "@remix-run/react";

const SECTIONS = [
  { to: "/admin", label: "Dashboard", end: true },
  { to: "/admin/applications", label: "Applications" },
  { to: "/admin/assignments", label: "Auto-assign" },
  { to: "/admin/accreditations", label: "Accreditations" },
  { to: "/admin/reports", label: "Annual reports" },
  { to: "/admin/scope-changes", label: "Scope changes" },
  { to: "/admin/material-changes", label: "Material changes" },
  { to: "/admin/remap", label: "Re-mapping" },
  { to: "/admin/complaints", label: "Complaints" },
  { to: "/admin/profile-changes", label: "Profile changes" },
  { to: "/admin/appeals", label: "Appeals" },
  { to: "/admin/framework", label: "Framework" },
  { to: "/admin/rubric", label: "Rubric" },
  { to: "/admin/users", label: "Users" },
  { to: "/admin/invitations", label: "Invitations" },
  { to: "/admin/emails", label: "Emails" },
  { to: "/admin/audit", label: "Audit" },
];

/** Sub-navigation of the staff area; NavLink marks the current section with aria-current="page". */
export function AdminNav() {
  return (
    <nav aria-label="Administration" className="admin-nav">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} end={s.end} prefetch="intent">
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
