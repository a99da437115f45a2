//! The workspace switcher: the member's current workspace and, when they belong to
//! several, a form to switch.

use leptos::prelude::*;

use crate::contexts::auth::api::SwitchWorkspace;
use crate::contexts::auth::types::CurrentUser;

#[component]
pub fn WorkspaceSwitcher(
    me: CurrentUser,
    /// The select's id: the switcher appears in the sidebar and in the drawer.
    id: String,
) -> impl IntoView {
    let switch = ServerAction::<SwitchWorkspace>::new();
    let current = me.workspace.as_ref().map(|w| w.id);
    let heading = me
        .workspace
        .as_ref()
        .map_or_else(|| "No workspace".to_owned(), |w| format!("{} · {}", w.name, w.role.label()));
    let others = me.workspaces.len() > 1;
    view! {
        <div class="space-y-2">
            <p class="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
                "Workspace"
            </p>
            <p class="text-sm font-medium" data-testid="current-workspace">
                {heading}
            </p>
            {others
                .then(|| {
                    view! {
                        <ActionForm action=switch attr:class="flex gap-2">
                            <label class="sr-only" for=id.clone()>
                                "Switch workspace"
                            </label>
                            <select
                                id=id.clone()
                                name="workspace_id"
                                class="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
                            >
                                {me
                                    .workspaces
                                    .iter()
                                    .map(|w| {
                                        let selected = Some(w.id) == current;
                                        view! {
                                            <option value=w.id.to_string() selected=selected>
                                                {w.name.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <button type="submit" class=crate::ui::form::SECONDARY_BUTTON>
                                "Switch"
                            </button>
                        </ActionForm>
                    }
                })}
        </div>
    }
}
