import { Observable, type OperatorFunction } from 'rxjs';
import type { AbrInput } from '../core/abr-config.js';
import type { AbrController } from '../core/abr-controller.js';

/**
 * Runs each input through `controller.decide` and emits the chosen ladder index only when it
 * changes (the first decision always). Pass a factory to get a fresh controller per subscription
 * (a controller is stateful); a controller instance is `reset()` at each subscription. Errors and
 * completion pass through; unsubscribing unsubscribes from the source.
 *
 * @example
 * ```ts
 * inputs$.pipe(abrDecisions(() => createAbrController(ladder)))
 *   .subscribe((index) => console.log('switch to', ladder.rungs[index]?.representationId));
 * ```
 */
export function abrDecisions(
  controller: AbrController | (() => AbrController),
): OperatorFunction<AbrInput, number> {
  return (source) =>
    new Observable<number>((subscriber) => {
      let abr: AbrController;
      if (typeof controller === 'function') abr = controller();
      else {
        abr = controller;
        abr.reset();
      }
      let last = -1;
      return source.subscribe({
        next(input) {
          const index = abr.decide(input);
          if (index === last) return;
          last = index;
          subscriber.next(index);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
