// The sign-in page's texts, apart from the rest of identity's: the login page loads only these.
export const authRu = {
  title: 'Вход в Tessera',
  email: 'E-mail',
  password: 'Пароль',
  showPassword: 'Показать пароль',
  submit: 'Войти',
  invalidCredentials: 'Неверный e-mail или пароль',
  tooManyAttemptsLater: 'Слишком много попыток входа. Повторите позже.',
  sessionExpired: 'Сессия завершена, войдите снова.',
};
