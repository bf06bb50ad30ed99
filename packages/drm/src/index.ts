export type {
  CdmMessage,
  CdmMessageType,
  CdmPort,
  CdmSession,
  CdmSessionType,
  InitDataType,
  KeyStatus,
  ProvisioningRequest,
} from './cdm-port.js';
