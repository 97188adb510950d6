import type { RouteObject } from 'react-router';
import { EstablishmentsPage } from './EstablishmentsPage.tsx';
import './ipro.css';

export const iproRoutes: RouteObject[] = [{ path: 'etablissements', Component: EstablishmentsPage }];
