import { freeCareOf } from '../catalogues/free-care.ts';

/** The leaflet handed over with a temporary policy: rules of use and the care it gives free. */
export function temporaryPolicyLeaflet(input: { region: string; validTo: string; insurerPhone: string }) {
  return {
    rulesOfUse: [
      `Временное свидетельство действует по ${input.validTo} включительно и подтверждает право на бесплатную медицинскую помощь по ОМС.`,
      'При обращении за медицинской помощью предъявите временное свидетельство вместе с документом, удостоверяющим личность.',
      'Номер полиса (ЕНП) появится в личном кабинете не позднее одного рабочего дня со дня подачи заявления.',
      'До окончания срока действия временного свидетельства в реестр будет внесён электронный полис; его можно предъявить в виде штрихкода или выписки из реестра.',
      `Вопросы о страховании и жалобы принимает ваша страховая медицинская организация: ${input.insurerPhone}.`,
    ],
    freeCare: freeCareOf(input.region),
  };
}
