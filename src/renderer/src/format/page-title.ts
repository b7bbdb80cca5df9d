/** The window's title: the site first, so a taskbar full of windows tells them apart. */
export function pageTitle(siteName: string | null): string {
  const name = siteName?.trim();
  return name ? `${name} \u00b7 EMS commissioning` : 'EMS commissioning';
}
