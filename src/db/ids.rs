//! The typed ids of `domain::ids` as TEXT columns on both backends (and through the
//! `MultiConnection` enum): read, written and compared like the `String` they wrap.

use diesel::deserialize::{self, FromSql, Queryable};
use diesel::expression::AsExpression;
use diesel::pg::Pg;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{Nullable, Text};
use diesel::sqlite::Sqlite;

use super::MultiBackend;
use crate::domain::ids::{AreaId, CommentId, IdeaId, StatusId, StormId, TagId, UserId, WebhookId};

macro_rules! text_column {
    ($($id:ty),*) => {$(
        impl FromSql<Text, Sqlite> for $id {
            fn from_sql(value: <Sqlite as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                <String as FromSql<Text, Sqlite>>::from_sql(value).map(<$id>::from_stored)
            }
        }

        impl FromSql<Text, Pg> for $id {
            fn from_sql(value: <Pg as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                <String as FromSql<Text, Pg>>::from_sql(value).map(<$id>::from_stored)
            }
        }

        impl FromSql<Text, MultiBackend> for $id {
            fn from_sql(value: <MultiBackend as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                <String as FromSql<Text, MultiBackend>>::from_sql(value).map(<$id>::from_stored)
            }
        }

        impl ToSql<Text, Sqlite> for $id {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                <str as ToSql<Text, Sqlite>>::to_sql(self.as_str(), out)
            }
        }

        impl ToSql<Text, Pg> for $id {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.as_str(), out)
            }
        }

        impl ToSql<Text, MultiBackend> for $id {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                <str as ToSql<Text, MultiBackend>>::to_sql(self.as_str(), out)
            }
        }

        impl ToSql<Nullable<Text>, Sqlite> for $id {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                <str as ToSql<Text, Sqlite>>::to_sql(self.as_str(), out)
            }
        }

        impl ToSql<Nullable<Text>, Pg> for $id {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.as_str(), out)
            }
        }

        impl ToSql<Nullable<Text>, MultiBackend> for $id {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                <str as ToSql<Text, MultiBackend>>::to_sql(self.as_str(), out)
            }
        }

        impl AsExpression<Text> for $id {
            type Expression = <String as AsExpression<Text>>::Expression;
            fn as_expression(self) -> Self::Expression {
                AsExpression::<Text>::as_expression(self.into_string())
            }
        }

        impl<'a> AsExpression<Text> for &'a $id {
            type Expression = <&'a str as AsExpression<Text>>::Expression;
            fn as_expression(self) -> Self::Expression {
                AsExpression::<Text>::as_expression(self.as_str())
            }
        }

        impl<'a, 'b> AsExpression<Text> for &'b &'a $id {
            type Expression = <&'a str as AsExpression<Text>>::Expression;
            fn as_expression(self) -> Self::Expression {
                AsExpression::<Text>::as_expression(self.as_str())
            }
        }

        impl AsExpression<Nullable<Text>> for $id {
            type Expression = <String as AsExpression<Nullable<Text>>>::Expression;
            fn as_expression(self) -> Self::Expression {
                AsExpression::<Nullable<Text>>::as_expression(self.into_string())
            }
        }

        impl<'a> AsExpression<Nullable<Text>> for &'a $id {
            type Expression = <&'a str as AsExpression<Nullable<Text>>>::Expression;
            fn as_expression(self) -> Self::Expression {
                AsExpression::<Nullable<Text>>::as_expression(self.as_str())
            }
        }

        impl<'a, 'b> AsExpression<Nullable<Text>> for &'b &'a $id {
            type Expression = <&'a str as AsExpression<Nullable<Text>>>::Expression;
            fn as_expression(self) -> Self::Expression {
                AsExpression::<Nullable<Text>>::as_expression(self.as_str())
            }
        }

        impl<DB> Queryable<Text, DB> for $id
        where
            DB: diesel::backend::Backend,
            $id: FromSql<Text, DB>,
        {
            type Row = Self;
            fn build(row: Self) -> deserialize::Result<Self> {
                Ok(row)
            }
        }
    )*};
}

text_column!(
    IdeaId, UserId, CommentId, TagId, StatusId, AreaId, StormId, WebhookId
);
