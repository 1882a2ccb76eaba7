/** What every console section is given (features/console/console.tsx lists the sections). */
import type { Script, SessionUser } from "../../api/types.ts";
import type { Lang, Translate } from "../../i18n/index.ts";

export interface ConsoleSectionProps {
  user: SessionUser;
  lang: Lang;
  script: Script;
  t: Translate;
  onOpenTask: (id: string) => void;
}
