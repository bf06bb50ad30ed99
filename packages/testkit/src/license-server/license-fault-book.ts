import type { LicenseFault, LicenseRequestForm } from './license-server-options.js';

/** Scripted faults, consumed in order: `take(form)` returns the next one that applies. */
export interface LicenseFaultBook {
  take(form: LicenseRequestForm | undefined): LicenseFault | undefined;
  add(faults: readonly LicenseFault[]): void;
}

/** Creates a {@link LicenseFaultBook}. */
export function createLicenseFaultBook(initial: readonly LicenseFault[]): LicenseFaultBook {
  const book: { fault: LicenseFault; left: number }[] = [];
  const add = (faults: readonly LicenseFault[]) => {
    for (const fault of faults) book.push({ fault, left: fault.times ?? 1 });
  };
  add(initial);
  return {
    add,
    take(form) {
      const entry = book.find(
        (e) => e.left > 0 && (e.fault.form === undefined || e.fault.form === form),
      );
      if (!entry) return undefined;
      entry.left -= 1;
      return entry.fault;
    },
  };
}
