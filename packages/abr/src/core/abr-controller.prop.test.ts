import { createAbrController } from '@legato/abr';
import { describe, it } from 'vitest';
import { assertControllerLaws } from '../__test-helpers__/controller-laws.js';

describe('createAbrController laws', () => {
  it('dynamic (the default) keeps the laws', () => {
    assertControllerLaws((ladder) => createAbrController(ladder));
  });

  it('throughput keeps the laws', () => {
    assertControllerLaws((ladder) => createAbrController(ladder, { algorithm: 'throughput' }));
  });

  it('BOLA-E keeps the laws', () => {
    assertControllerLaws((ladder) => createAbrController(ladder, { algorithm: 'bola' }));
  });

  it('dynamic with a dwell, tight headroom and a late BOLA hand-over keeps the laws', () => {
    assertControllerLaws((ladder) =>
      createAbrController(ladder, {
        minUpSwitchIntervalS: 12,
        upSwitchHeadroom: 1.3,
        safetyFactor: 0.8,
        bolaEnterSegments: 4,
        bolaExitSegments: 2,
        fetchDeadlineFraction: 0.8,
      }),
    );
  });
});
